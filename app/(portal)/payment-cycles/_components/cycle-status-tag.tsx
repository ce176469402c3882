import { Tag, type TagColour } from "@/components/tag";

const CYCLE_STATUSES: Record<string, { label: string; colour: TagColour }> = {
  PENDING_APPROVAL: { label: "Waiting for approval", colour: "yellow" },
  REJECTED: { label: "Rejected: to rebuild", colour: "red" },
  APPROVED: { label: "Approved", colour: "green" },
  RECONCILED: { label: "Reconciled", colour: "grey" },
};

/** A payment cycle's status as a text tag (never colour alone). */
export function CycleStatusTag({ status }: { status: string }) {
  const known = CYCLE_STATUSES[status] ?? { label: status, colour: "grey" as const };
  return <Tag colour={known.colour}>{known.label}</Tag>;
}
