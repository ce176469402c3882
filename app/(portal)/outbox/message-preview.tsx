import { Details } from "@/components/details";
import type { MessageView } from "@/lib/notify/render-message";
import { isPaymentCode } from "@/lib/payout/rules/payment-code";
import { barcodeSvg } from "@/lib/payout/barcode";

// One message as its recipient sees it: what the sender hands to Notify, rendered by the same
// pure renderer (lib/notify/render-message.ts).

function Text({ children }: { children: string }) {
  return <div className="mb-4 max-w-2xl whitespace-pre-wrap break-words border border-mid-grey bg-white p-4">{children}</div>;
}

function Barcode({ code }: { code: string }) {
  if (!isPaymentCode(code)) return <p className="mb-4">Payment code {code} (not a valid code, so no barcode).</p>;
  const src = `data:image/svg+xml;base64,${Buffer.from(barcodeSvg(code)).toString("base64")}`;
  return (
    <figure className="mb-4">
      {/* An SVG made on the server from the code alone: next/image adds nothing for a data URL. */}
      {/* oxlint-disable-next-line nextjs/no-img-element */}
      <img src={src} alt={`Barcode of payment code ${code}`} className="h-20 max-w-full bg-white" />
      <figcaption className="font-mono">{code}</figcaption>
    </figure>
  );
}

export function MessagePreview({ id, view, hasPdf }: { id: string; view: MessageView; hasPdf: boolean }) {
  const pdfHref = `/api/outbox/${id}/pdf`;
  return (
    <Details summary="Show the message">
      {view.channel === "EMAIL" && (
        <>
          <p className="mb-2">
            <strong>To:</strong> {view.to}
          </p>
          <p className="mb-2">
            <strong>Subject:</strong> {view.subject}
          </p>
          <Text>{view.body}</Text>
          {hasPdf && (
            <p className="mb-4">
              The email links to the voucher: <a href={pdfHref}>open the voucher (PDF)</a>.
            </p>
          )}
        </>
      )}
      {view.channel === "SMS" && (
        <>
          <p className="mb-2">
            <strong>To:</strong> {view.to}
          </p>
          <Text>{view.body}</Text>
        </>
      )}
      {view.channel === "LETTER" && (
        <>
          <p className="mb-2">
            <strong>Address:</strong>
          </p>
          <address className="mb-4 not-italic">
            {view.address.map((line, i) => (
              <span key={i} className="block">
                {line}
              </span>
            ))}
          </address>
          {!view.voucherCode && (
            <>
              <p className="mb-2">
                <strong>Subject:</strong> {view.subject}
              </p>
              <Text>{view.body}</Text>
            </>
          )}
          <p className="mb-4">
            <a href={pdfHref}>Open the letter (PDF)</a>, as it will be printed and posted.
          </p>
        </>
      )}
      {view.voucherCode && <Barcode code={view.voucherCode} />}
    </Details>
  );
}
