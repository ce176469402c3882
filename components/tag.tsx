import type { ReactNode } from "react";
import { cx } from "./cx";
import { NEEDS_ATTENTION, statusColour, statusLabel, type StatusKind, type TagColour } from "./status";

export type { TagColour } from "./status";

// GOV.UK Frontend v5 tag colours: dark text on a tint, all above 4.5:1.
const colours: Record<TagColour, string> = {
  grey: "bg-[#e5e6e7] text-[#282d30]",
  blue: "bg-[#bbd4ea] text-[#0c2d4a]",
  lightBlue: "bg-[#e8f1f8] text-[#0c2d4a]",
  green: "bg-[#cce2d8] text-[#005a30]",
  red: "bg-[#f4cdc6] text-[#2a0b06]",
  yellow: "bg-[#fff7bf] text-[#594d00]",
  orange: "bg-[#fcd6c3] text-[#6e3619]",
  purple: "bg-[#dbd5e9] text-[#3d2375]",
  turquoise: "bg-[#d4ecea] text-[#10403c]",
  pink: "bg-[#efdfed] text-[#6b1c40]",
};

export function Tag({ children, colour = "blue", className }: { children: ReactNode; colour?: TagColour; className?: string }) {
  return (
    <strong
      className={cx("inline-block px-2 pt-[2px] pb-[3px] font-normal leading-[1.25] no-underline", colours[colour], className)}
    >
      {children}
    </strong>
  );
}

/** The claim's "Needs attention" flag, the same on every page. */
export function NeedsAttentionTag() {
  return <Tag colour={NEEDS_ATTENTION.colour}>{NEEDS_ATTENTION.label}</Tag>;
}

/** Status tag with a human label; pass kind because NEW/FAILED exist for claims, payments and runs. */
export function StatusTag({ status, kind }: { status: string; kind?: StatusKind }) {
  return <Tag colour={statusColour(status, kind)}>{statusLabel(status, kind)}</Tag>;
}
