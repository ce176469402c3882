import { Timeline } from "@/components/timeline";
import { caseNoteOf } from "@/lib/claims/queue/case-note";
import { timelineBy } from "@/lib/claims/queue/timeline-by";
import { loadRunStarters } from "@/lib/claims/queue/load-run-starters";
import { prisma } from "@/lib/db";
import { CaseNoteForm } from "./case-note-form";

type Event = { id: string; kind: string; summary: string; at: Date; detail: unknown; actor: { name: string } | null };

// Who did each step (docs/caseworker-queue.md#who-did-it), case notes in full, and the form to add one.
export async function ClaimTimeline({
  events,
  reference,
  isCaseworker = false,
}: {
  events: Event[];
  reference?: string;
  isCaseworker?: boolean;
}) {
  const runs = await loadRunStarters(prisma, events);
  return (
    <>
      {isCaseworker && reference && (
        <div className="mb-8">
          <CaseNoteForm reference={reference} />
        </div>
      )}
      <Timeline
        headingLevel={3}
        items={events.map((e) => {
          const note = caseNoteOf(e);
          return {
            id: e.id,
            title: e.summary,
            at: e.at,
            by: timelineBy({ actorName: e.actor?.name ?? null, detail: e.detail }, runs),
            body: note === null ? undefined : <p className="whitespace-pre-wrap">{note}</p>,
          };
        })}
      />
    </>
  );
}
