/**
 * A file download answer: attachment with the file's own name (ASCII fallback plus RFC 5987 UTF-8
 * form), never cached (staff downloads are recorded one by one), never sniffed into something a
 * browser would run.
 */
export function attachmentResponse(options: {
  body: ReadableStream<Uint8Array> | Uint8Array;
  fileName: string;
  contentType: string;
  size?: number;
  sha256Hex?: string;
}): Response {
  const ascii = options.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const headers: Record<string, string> = {
    "Content-Type": options.contentType,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (options.size !== undefined) headers["Content-Length"] = String(options.size);
  // RFC 9530: lets a careful receiver check the bytes it got are the ones the run recorded.
  if (options.sha256Hex) headers["Repr-Digest"] = `sha-256=:${Buffer.from(options.sha256Hex, "hex").toString("base64")}:`;
  const body = options.body instanceof Uint8Array ? new Blob([new Uint8Array(options.body)]) : options.body;
  return new Response(body, { status: 200, headers });
}
