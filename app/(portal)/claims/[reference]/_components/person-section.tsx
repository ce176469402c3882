// Owned by the people work (issue 13 items 3 and 4): what the claim is for, a possible match, name or address changes.
import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "@/components/format-date";
import { SummaryList } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { ProposedCell } from "@/components/proposed-cell";
import { prisma } from "@/lib/db";
import { loadPersonSection, type PersonSummary } from "@/lib/people/load-person-section";
import { PERSON_FIELDS, PERSON_FIELD_LABELS, type PersonDetails } from "@/lib/people/rules/person-details";
import { DecidePersonDetailsForms, PossibleMatchForms, ProposePersonDetailsForm } from "./person-forms";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const MATCH_ROWS: { label: string; value: (p: PersonSummary) => ReactNode }[] = [
  { label: "Name", value: (p) => `${p.firstName} ${p.lastName}` },
  { label: "Date of birth", value: (p) => formatDate(p.dateOfBirth) },
  { label: "Postcode", value: (p) => p.postcode },
  { label: "Reference", value: (p) => <Link href={`/claimants/${p.id}`}>{p.reference ?? "None"}</Link> },
  { label: "Claims", value: (p) => plural(p.claims, "claim", "claims") },
];

function PossibleMatch({ current, match }: { current: PersonSummary; match: PersonSummary }) {
  return (
    <Table caption="This claim's person and the possible match">
      <THead>
        <Tr>
          <Th>Detail</Th>
          <Th>This claim&apos;s person</Th>
          <Th>Possible match</Th>
        </Tr>
      </THead>
      <TBody>
        {MATCH_ROWS.map((row) => (
          <Tr key={row.label}>
            <Th scope="row">{row.label}</Th>
            <Td className="break-words">{row.value(current)}</Td>
            <Td className="break-words">{row.value(match)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function DetailsSideBySide({
  current,
  proposed,
  changed,
}: {
  current: PersonDetails;
  proposed: PersonDetails;
  changed: string[];
}) {
  return (
    <Table caption="Current and proposed name and address">
      <THead>
        <Tr>
          <Th>Detail</Th>
          <Th>Current</Th>
          <Th>Proposed</Th>
        </Tr>
      </THead>
      <TBody>
        {PERSON_FIELDS.map((field) => {
          const isChanged = changed.includes(field);
          return (
            <Tr key={field}>
              <Th scope="row">{PERSON_FIELD_LABELS[field]}</Th>
              <Td className="break-words">{current[field] ?? "None"}</Td>
              <ProposedCell changed={isChanged} className="break-words">
                {proposed[field] ?? "None"}
              </ProposedCell>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}

/**
 * The visit the claim is for, a possible match flagged at intake (link or dismiss), and the
 * person's name and address with a change waiting for a second caseworker (docs/people.md).
 */
export async function PersonSection({
  claimId,
  isCaseworker,
  userId,
}: {
  claimId: string;
  claimantId: string;
  isCaseworker: boolean;
  userId: string;
}) {
  const data = await loadPersonSection(prisma, claimId);
  const { visit, possibleMatch, pendingChange, person, reference } = data;
  const isMaker = pendingChange?.proposedBy.id === userId;
  return (
    <>
      {visit && (
        <section aria-labelledby="visit-heading" className="mt-10">
          <h2 id="visit-heading" className="mb-4 text-2xl font-bold">
            Visit
          </h2>
          <SummaryList
            rows={[
              { key: "Prison", value: visit.prison },
              { key: "Prisoner number", value: visit.prisonerNumber },
              { key: "Relationship to the prisoner", value: visit.relationship },
              { key: "Visit date and time", value: formatDateTime(visit.visitAt) },
            ]}
          />
        </section>
      )}

      {possibleMatch && (
        <section aria-labelledby="possible-match-heading" className="mt-10">
          <h2 id="possible-match-heading" className="mb-4 text-2xl font-bold">
            Possible match
          </h2>
          <p className="mb-4">
            Another person&apos;s record has the same date of birth, last name and postcode. Check whether they are the same
            person: records are never linked automatically.
          </p>
          <PossibleMatch current={possibleMatch.current} match={possibleMatch.match} />
        </section>
      )}
      {/* In the same place with or without a match, so the outcome of a link or dismissal stays on screen. */}
      {isCaseworker && <PossibleMatchForms reference={reference} possibleMatchId={possibleMatch?.match.id ?? null} />}

      <section aria-labelledby="person-details-heading" className="mt-10">
        <h2 id="person-details-heading" className="mb-4 text-2xl font-bold">
          Name and address
        </h2>
        {pendingChange ? (
          <div className="my-6 border-l-[10px] border-orange-600 bg-light-grey p-4">
            <h3 className="mb-2 text-xl font-bold">Change awaiting approval</h3>
            <p className="mb-2">
              Proposed {formatDateTime(pendingChange.proposedAt)} by {pendingChange.proposedBy.name}. The person&apos;s payments
              that are not sent yet are on hold until it is decided.
            </p>
            {pendingChange.note && (
              <p className="mb-4">
                <strong>How the person told us:</strong> {pendingChange.note}
              </p>
            )}
            <DetailsSideBySide current={person} proposed={pendingChange.proposed} changed={pendingChange.changed} />
            {isCaseworker && isMaker && <p>You proposed this change, so another caseworker must approve or reject it.</p>}
          </div>
        ) : (
          <p className="mb-4">
            {person.erased ? "This person's details were erased." : "No change of name or address is waiting for approval."}
          </p>
        )}
        {isCaseworker && (
          <DecidePersonDetailsForms reference={reference} changeId={pendingChange && !isMaker ? pendingChange.id : null} />
        )}
        {isCaseworker && !person.erased && <ProposePersonDetailsForm reference={reference} current={person} />}
      </section>
    </>
  );
}
