import type { ActionResult } from "@/lib/actions/result";

/** A success message after an action, announced politely to screen readers. */
export function SuccessMessage({ result }: { result: ActionResult | null }) {
  if (!result?.ok || !result.message) return null;
  return (
    <div role="status" className="mb-6 border-[5px] border-success bg-white p-4">
      <p className="font-bold text-success">{result.message}</p>
    </div>
  );
}
