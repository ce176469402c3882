import Link from "next/link";
import { formatDate } from "@/components/format-date";
import { StatusTag } from "@/components/tag";
import { VisuallyHidden } from "@/components/visually-hidden";
import { claimListHref, DEFAULT_CLAIM_LIST_PARAMS } from "@/lib/claims/list/claim-list-params";
import type { MyOpenClaims } from "@/lib/claims/queue/my-open-claims";
import type { WaitingForMe, WaitingList } from "@/lib/claims/queue/waiting-for-me";

// A caseworker's home page: the claims that wait on them, and the checks only someone else may
// make (docs/caseworker-queue.md). Counts first, then the oldest few, each linked.

function Count({ href, label, count, noun }: { href?: string; label: string; count: number; noun: [string, string] }) {
  const body = (
    <>
      <span className="block">{label}</span>
      <span className="block text-3xl font-bold tabular-nums">
        {count.toLocaleString("en-GB")}
        <VisuallyHidden> {count === 1 ? noun[0] : noun[1]}</VisuallyHidden>
      </span>
    </>
  );
  const box = "block border-l-4 border-link bg-light-grey px-4 py-3";
  return href ? (
    <Link href={href} className={`${box} no-underline hover:underline`}>
      {body}
    </Link>
  ) : (
    <div className={box}>{body}</div>
  );
}

export function MyOpenClaimsPanel({ claims }: { claims: MyOpenClaims }) {
  const href = (status: "NEW" | "UPDATED") => claimListHref(DEFAULT_CLAIM_LIST_PARAMS, { status, assigned: "me" });
  const total = claims.counts.NEW + claims.counts.UPDATED;
  return (
    <section aria-labelledby="my-open-heading" className="mb-10">
      <h2 id="my-open-heading" className="mb-2 text-2xl font-bold">
        My open claims
      </h2>
      <p className="mb-4 text-secondary">Assigned to you and waiting for your decision: new, and updated by the claimant.</p>
      <ul className="mb-4 grid gap-4 sm:grid-cols-3">
        <li>
          <Count label="Total" count={total} noun={["claim", "claims"]} />
        </li>
        <li>
          <Count href={href("NEW")} label="New" count={claims.counts.NEW} noun={["claim", "claims"]} />
        </li>
        <li>
          <Count href={href("UPDATED")} label="Updated" count={claims.counts.UPDATED} noun={["claim", "claims"]} />
        </li>
      </ul>
      {claims.oldest.length > 0 && (
        <>
          <h3 className="mb-2 text-xl font-bold">Oldest first</h3>
          <ul className="list-none space-y-2">
            {claims.oldest.map((c) => (
              <li key={c.reference} className="flex flex-wrap items-center gap-2">
                <Link href={`/claims/${c.reference}`} className="font-bold">
                  {c.reference}
                </Link>
                <span>{c.claimantName}</span>
                <StatusTag status={c.status} kind="claim" />
                <span className="text-secondary">received {formatDate(c.receivedAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function WaitingSection({ id, title, list, itemLabel }: { id: string; title: string; list: WaitingList; itemLabel: string }) {
  return (
    <div className="mb-6">
      <h3 id={id} className="mb-2 text-xl font-bold">
        {title}: <span className="tabular-nums">{list.count.toLocaleString("en-GB")}</span>
      </h3>
      {list.count === 0 ? (
        <p className="text-secondary">Nothing waiting.</p>
      ) : (
        <ul aria-labelledby={id} className="list-none space-y-2">
          {list.oldest.map((item) => (
            <li key={item.id}>
              <Link href={item.href}>
                {itemLabel} for {item.personName}
                {item.claimReference ? ` (claim ${item.claimReference})` : ""}
              </Link>{" "}
              <span className="text-secondary">waiting since {formatDate(item.since)}</span>
            </li>
          ))}
        </ul>
      )}
      {list.count > list.oldest.length && (
        <p className="mt-2 text-secondary">
          The oldest {list.oldest.length} of {list.count.toLocaleString("en-GB")} are shown.
        </p>
      )}
    </div>
  );
}

export function WaitingForMePanel({ waiting }: { waiting: WaitingForMe }) {
  return (
    <section aria-labelledby="waiting-heading" className="mb-10">
      <h2 id="waiting-heading" className="mb-2 text-2xl font-bold">
        Waiting for me
      </h2>
      <p className="mb-4 text-secondary">Checks another caseworker asked for, which you may make (never your own).</p>
      <WaitingSection id="waiting-bank" title="Bank-details changes" list={waiting.bankDetails} itemLabel="Bank details" />
      <WaitingSection id="waiting-second" title="Second approvals" list={waiting.secondApprovals} itemLabel="Second approval" />
      <WaitingSection
        id="waiting-person"
        title="Name and address changes"
        list={waiting.personDetails}
        itemLabel="Name or address"
      />
    </section>
  );
}
