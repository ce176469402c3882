import { barcodeSvg } from "@/lib/payout/barcode";

/**
 * A Post Office voucher's payment code as a Code 128 barcode, drawn on the server (no script, no
 * canvas). The bars mean nothing to a screen reader, so they are hidden from it and the code is
 * printed underneath as text, which is also what a counter clerk can key in by hand.
 */
export function Barcode({ code }: { code: string }) {
  return (
    <figure className="my-2 inline-block max-w-full">
      <div
        aria-hidden="true"
        className="max-w-full [&>svg]:h-auto [&>svg]:max-w-full"
        dangerouslySetInnerHTML={{ __html: barcodeSvg(code) }}
      />
      <figcaption className="mt-1 font-mono text-lg tracking-[0.2em]">
        <span className="sr-only">Payment code </span>
        {code}
      </figcaption>
    </figure>
  );
}
