import { Timeline } from "@/components/timeline";

type Event = { id: string; summary: string; at: Date; actor: { name: string } | null };

// Owned by the queue work (issue 13 item 6): case notes and who did each step.
export function ClaimTimeline({ events }: { events: Event[] }) {
  return (
    <Timeline
      headingLevel={3}
      items={events.map((e) => ({ id: e.id, title: e.summary, at: e.at, by: e.actor?.name ?? "Online service" }))}
    />
  );
}
