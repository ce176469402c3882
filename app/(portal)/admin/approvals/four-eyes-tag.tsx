import { Tag } from "@/components/tag";

const tags: Record<string, { label: string; colour: "yellow" | "green" | "red" | "grey" }> = {
  PENDING: { label: "Waiting for a second admin", colour: "yellow" },
  APPROVED: { label: "Approved", colour: "green" },
  REJECTED: { label: "Rejected", colour: "red" },
  WITHDRAWN: { label: "Withdrawn", colour: "grey" },
};

export function FourEyesTag({ status }: { status: string }) {
  const tag = tags[status] ?? { label: status, colour: "grey" as const };
  return <Tag colour={tag.colour}>{tag.label}</Tag>;
}
