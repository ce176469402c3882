import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDate, formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { PageHeading } from "@/components/page-heading";
import { SummaryList } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag, Tag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { loadBankHolidays } from "@/lib/bank-holidays/load-bank-holidays";
import { claimAge, describeAge } from "@/lib/claims/list/claim-age";
import { getPersonPage, type PersonPage } from "@/lib/claims/queue/get-person-page";
import { config } from "@/lib/config";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { messageTitles, PAYOUT_VOUCHER_TEMPLATE, type ClaimantMessageKind } from "@/lib/notify/claimant-messages";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const isId = (id: string) => z.uuid().safeParse(id).success;

async function load(id: string) {
  return isId(id) ? getPersonPage(prisma, id.toLowerCase(), bankDetailsKey()) : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  // The title needs no database read: a person's name does not go into the browser's history.
  return { title: isId((await params).id) ? "Person" : "Page not found" };
}

const CONTACT = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" } as const;
const CHANNEL = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" } as const;
const MESSAGE_STATUS = { QUEUED: "Waiting to send", SENDING: "Sending", SENT: "Sent", FAILED: "Not sent" } as const;

function messageTitle(template: string): string {
  if (template === PAYOUT_VOUCHER_TEMPLATE) return "Your Post Office payment code";
  return messageTitles[template as ClaimantMessageKind] ?? template;
}

function Details({ person }: { person: PersonPage }) {
  const address = [person.addressLine1, person.addressLine2, person.town, person.county, person.postcode, person.country].filter(
    Boolean,
  );
  const contact = `${CONTACT[person.contactPreference]}${person.email ? `; email ${person.email}` : ""}${person.phone ? `; phone ${person.phone}` : ""}`;
  return (
    <SummaryList
      rows={[
        { key: "Person reference", value: person.reference ?? "None yet" },
        { key: "Name", value: `${person.firstName} ${person.lastName}` },
        { key: "Date of birth", value: formatDate(person.dateOfBirth) },
        { key: "Contact", value: contact },
        {
          key: "Address",
          value: address.map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          )),
        },
        {
          key: "Bank details",
          value: person.bankDetails ? (
            <>
              <span className="block">{person.bankDetails.nameOnAccount}</span>
              <span className="block">
                Sort code {person.bankDetails.sortCode}, account {person.bankDetails.accountNumber}
              </span>
            </>
          ) : (
            "None"
          ),
        },
      ]}
    />
  );
}

export default async function ClaimantPage({ params }: Params) {
  const user = await requirePage("claimant");
  const person = await load((await params).id);
  if (!person) notFound();
  const holidays = await loadBankHolidays(prisma);
  const ageOptions = { now: new Date(), holidays, targetWorkingDays: config().claimAgeTargetWorkingDays };
  const name = `${person.firstName} ${person.lastName}`.trim() || "Erased person";

  return (
    <>
      <PageHeading caption={person.reference ? `Person ${person.reference}` : "Person"}>{name}</PageHeading>
      {person.mergedInto && (
        <WarningText>
          This record was merged into{" "}
          <Link href={`/claimants/${person.mergedInto.id}`}>
            {person.mergedInto.firstName} {person.mergedInto.lastName}
            {person.mergedInto.reference ? ` (${person.mergedInto.reference})` : ""}
          </Link>
          . Their claims and history are there now.
        </WarningText>
      )}
      {person.erasedAt && (
        <WarningText>
          This person&apos;s personal details were erased on {formatDate(person.erasedAt)} under the retention policy. Their
          reference and financial records are kept.
        </WarningText>
      )}
      {mayUse(pages.claimantSubjectAccess.roles, user.role) && (
        <p className="mb-6">
          <Link href={`/claimants/${person.id}/subject-access`}>Subject-access export</Link>
        </p>
      )}

      <h2 className="mb-4 text-2xl font-bold">Details</h2>
      <Details person={person} />

      <h2 className="mt-10 mb-4 text-2xl font-bold">Claims</h2>
      {person.claims.length === 0 ? (
        <p className="mb-6">No claims.</p>
      ) : (
        <Table caption={`${person.claims.length} ${person.claims.length === 1 ? "claim" : "claims"}, newest first`}>
          <THead>
            <Tr>
              <Th>Reference</Th>
              <Th>Event date</Th>
              <Th>Received</Th>
              <Th>Age</Th>
              <Th numeric>Claimed</Th>
              <Th numeric>Approved</Th>
              <Th>Status</Th>
            </Tr>
          </THead>
          <TBody>
            {person.claims.map((claim) => {
              const age = claimAge({ status: claim.status, receivedAt: claim.createdAt }, ageOptions);
              return (
                <Tr key={claim.id}>
                  <Td>
                    <Link href={`/claims/${claim.reference}`} className="font-bold">
                      {claim.reference}
                    </Link>
                  </Td>
                  <Td className="whitespace-nowrap">{formatDate(claim.eventDate)}</Td>
                  <Td className="whitespace-nowrap">{formatDate(claim.createdAt)}</Td>
                  <Td>
                    {age ? (
                      <span className="flex flex-col items-start gap-1">
                        <span className="whitespace-nowrap">{describeAge(age.workingDays)}</span>
                        {age.pastTarget && <Tag colour="red">Past target</Tag>}
                      </span>
                    ) : (
                      "Decided"
                    )}
                  </Td>
                  <Td numeric>
                    <Money pence={claim.claimedPence} />
                  </Td>
                  <Td numeric>{claim.approvedPence === null ? "Not decided" : <Money pence={claim.approvedPence} />}</Td>
                  <Td>
                    <StatusTag status={claim.status} kind="claim" />
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}

      <h2 className="mt-10 mb-4 text-2xl font-bold">Payments</h2>
      {person.payments.length === 0 ? (
        <p className="mb-6">No payments.</p>
      ) : (
        <Table caption="Payments to this person, newest first">
          <THead>
            <Tr>
              <Th>Payment</Th>
              <Th>For</Th>
              <Th>Method</Th>
              <Th numeric>Amount</Th>
              <Th>Status</Th>
              <Th>Created</Th>
            </Tr>
          </THead>
          <TBody>
            {person.payments.map((payment) => (
              <Tr key={payment.id}>
                <Td className="whitespace-nowrap">{payment.reference}</Td>
                <Td>
                  {payment.claim ? (
                    <Link href={`/claims/${payment.claim.reference}`}>Claim {payment.claim.reference}</Link>
                  ) : (
                    "Benefit payment"
                  )}
                </Td>
                <Td>{payment.method === "BANK" ? "Bank" : "Cash"}</Td>
                <Td numeric>
                  <Money pence={payment.amountPence} />
                </Td>
                <Td>
                  <StatusTag status={payment.status} kind="payment" />
                </Td>
                <Td className="whitespace-nowrap">{formatDate(payment.createdAt)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

      <h2 className="mt-10 mb-4 text-2xl font-bold">Correspondence</h2>
      {person.notifications.length === 0 ? (
        <p className="mb-6">No messages sent.</p>
      ) : (
        <Table caption="Messages to this person, newest first">
          <THead>
            <Tr>
              <Th>Message</Th>
              <Th>About</Th>
              <Th>Channel</Th>
              <Th>Status</Th>
              <Th>Queued</Th>
            </Tr>
          </THead>
          <TBody>
            {person.notifications.map((message) => (
              <Tr key={message.id}>
                <Td>{messageTitle(message.template)}</Td>
                <Td>
                  {message.claim ? <Link href={`/claims/${message.claim.reference}`}>Claim {message.claim.reference}</Link> : "—"}
                </Td>
                <Td>{CHANNEL[message.channel]}</Td>
                <Td>
                  {MESSAGE_STATUS[message.status]}
                  {message.sentAt ? ` ${formatDateTime(message.sentAt)}` : ""}
                </Td>
                <Td className="whitespace-nowrap">{formatDateTime(message.createdAt)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

      {person.enrolments.length > 0 && (
        <>
          <h2 className="mt-10 mb-4 text-2xl font-bold">Enrolments</h2>
          <ul className="mb-6 list-disc pl-5">
            {person.enrolments.map((e) => (
              <li key={e.id}>
                {e.benefitPlan.name} ({e.benefitPlan.code}), from {formatDate(e.enrolledFrom)}
                {e.enrolledTo ? ` to ${formatDate(e.enrolledTo)}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      {person.truncated && <p className="text-secondary">Only the newest 200 of each list are shown.</p>}
    </>
  );
}
