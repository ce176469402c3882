import { cx } from "./cx";
import { formatPence } from "@/lib/money";

export function Money({ pence, className }: { pence: number | bigint; className?: string }) {
  return <span className={cx("tabular-nums whitespace-nowrap", className)}>{formatPence(pence)}</span>;
}
