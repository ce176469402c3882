import { Details } from "@/components/details";
import { formatDateTime } from "@/components/format-date";
import { Tag, type TagColour } from "@/components/tag";
import { Timeline, type TimelineItem } from "@/components/timeline";
import { loadThread } from "@/lib/claims/correspondence/load-thread";
import type { ThreadItem, ThreadMessage } from "@/lib/claims/correspondence/thread";
import { prisma } from "@/lib/db";
import type { NotificationChannel, NotificationStatus } from "@/lib/generated/prisma/enums";

// The claim's correspondence in one place (issue 13, item 1): requests for information, the
// claimant's responses with their documents, and every message sent to the claimant, as sent.

const channelNames: Record<NotificationChannel, string> = { EMAIL: "email", SMS: "text message", LETTER: "letter" };
const statusTags: Record<NotificationStatus, { label: string; colour: TagColour }> = {
  QUEUED: { label: "Queued", colour: "blue" },
  SENDING: { label: "Sending", colour: "yellow" },
  SENT: { label: "Sent", colour: "green" },
  FAILED: { label: "Not sent", colour: "red" },
};

function Text({ children }: { children: string }) {
  return <div className="mb-4 max-w-2xl border border-mid-grey bg-white p-4 break-words whitespace-pre-wrap">{children}</div>;
}

function recipientOf(message: ThreadMessage): string {
  return message.view.channel === "LETTER" ? message.view.address.join(", ") : message.view.to;
}

/** The message's channel and state, and the message itself as its recipient sees it, folded away. */
function MessageSent({ message }: { message: ThreadMessage }) {
  const tag = statusTags[message.status];
  const { view } = message;
  return (
    <>
      <p className="mb-2">
        By {channelNames[message.channel]} to <span className="break-words">{recipientOf(message)}</span>{" "}
        <Tag colour={tag.colour}>{tag.label}</Tag>
        {message.sentAt && (
          <span className="text-secondary">
            {" "}
            <time dateTime={message.sentAt.toISOString()}>{formatDateTime(message.sentAt)}</time>
          </span>
        )}
      </p>
      <Details summary="Show the message as sent">
        {view.channel !== "SMS" && (
          <p className="mb-2">
            <strong>Subject:</strong> {view.subject}
          </p>
        )}
        <Text>{view.body}</Text>
      </Details>
    </>
  );
}

function entry(item: ThreadItem, reference: string): TimelineItem {
  switch (item.kind) {
    case "request":
      return {
        id: item.id,
        title: `Request for information: ${item.asked.toLowerCase()}`,
        at: item.at,
        by: item.by ?? undefined,
        body: (
          <>
            <p className="mb-2 font-bold">What we asked</p>
            <Text>{item.note}</Text>
            {item.message ? <MessageSent message={item.message} /> : <p className="mb-4">No message was sent with it.</p>}
          </>
        ),
      };
    case "response":
      return {
        id: item.id,
        title: item.by ? "Response recorded by a caseworker" : "Response through the online service",
        at: item.at,
        by: item.by ?? "the online service",
        body: (
          <>
            <Text>{item.text}</Text>
            {item.documents.length > 0 && (
              <>
                <p className="mb-2 font-bold">Documents sent with it</p>
                <ul className="mb-4 list-disc pl-5">
                  {item.documents.map((d) => (
                    <li key={d.id}>
                      <a href={`/api/claims/${reference}/documents/${d.id}`} className="break-words">
                        {d.fileName}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ),
      };
    case "message":
      return {
        id: item.id,
        title: `Message to the claimant: ${item.message.subject}`,
        at: item.at,
        body: <MessageSent message={item.message} />,
      };
  }
}

export async function CorrespondenceSection({ claimId, reference }: { claimId: string; reference: string }) {
  const thread = await loadThread(prisma, claimId);
  return (
    <section aria-labelledby="correspondence-heading" className="mt-10">
      <h2 id="correspondence-heading" className="mb-4 text-2xl font-bold">
        Correspondence
      </h2>
      {thread.length === 0 ? (
        <p className="mb-6">No requests, responses or messages yet.</p>
      ) : (
        <Timeline items={thread.map((item) => entry(item, reference))} />
      )}
    </section>
  );
}
