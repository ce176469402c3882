"use client";

import { useEffect, useRef, useState } from "react";
import { runningTotal, type RunningTotal } from "@/lib/claims/rules/decide-lines-total";
import { formatPence } from "@/lib/money";

/**
 * The approved total so far, worked out again as the caseworker chooses and types. Without
 * JavaScript it is not shown: the check-your-answers step gives the total either way.
 */
export function DecisionRunningTotal({ lines }: { lines: { id: string; claimedPence: number }[] }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [total, setTotal] = useState<RunningTotal | null>(null);
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const update = () => {
      const data = new FormData(form);
      setTotal(runningTotal(lines, (name) => data.get(name)));
    };
    update();
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    return () => {
      form.removeEventListener("input", update);
      form.removeEventListener("change", update);
    };
  }, [lines]);

  return (
    <p ref={ref} className="mb-6 text-[1.1875rem]" aria-live="polite" data-testid="decision-running-total">
      {total && (
        <>
          <strong>Approved so far: {formatPence(total.approvedPence)}</strong> of {formatPence(total.claimedPence)} claimed
          {total.undecided > 0 && ` (${total.undecided} ${total.undecided === 1 ? "line" : "lines"} still to decide)`}
        </>
      )}
    </p>
  );
}
