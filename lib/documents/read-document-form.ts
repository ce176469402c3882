import { MultipartError, multipartBoundary, multipartParts } from "@/lib/uploads/parse-multipart";
import { DocumentRefusal } from "./receive-document";
import { documentTooLargeMessage, INTERRUPTED_MESSAGE } from "./rules/document-limits";

/** The form field that carries the document. */
export const DOCUMENT_FIELD = "file";

/** Multipart framing and any small fields around the file, on top of the document limit. */
const BODY_OVERHEAD_BYTES = 64 * 1024;

/**
 * Hands the `file` part of a multipart/form-data request to `receive` as a stream, the way every
 * upload arrives (lib/uploads/parse-multipart.ts): a body declared or found to be larger than the
 * limit is refused without reading the rest of it, and a broken form is a refusal, not a fault.
 */
export async function withDocumentPart<T>(
  request: Request,
  options: { maxBytes: number; noFileMessage: string },
  receive: (part: { fileName: string; source: AsyncIterable<Uint8Array> }) => Promise<T>,
): Promise<T> {
  const boundary = multipartBoundary(request.headers.get("content-type"));
  if (!boundary || !request.body) throw new DocumentRefusal(400, options.noFileMessage, "no-file");
  const cap = options.maxBytes + BODY_OVERHEAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > cap)
    throw new DocumentRefusal(400, documentTooLargeMessage(options.maxBytes), "too-large");
  try {
    for await (const part of multipartParts(capped(request.body, cap, options.maxBytes), boundary)) {
      if (part.name !== DOCUMENT_FIELD || part.fileName === null) continue;
      if (part.fileName === "") break; // a file input left empty
      return await receive({ fileName: part.fileName, source: part.body });
    }
  } catch (error) {
    if (error instanceof MultipartError) throw new DocumentRefusal(400, error.message, "broken-form");
    throw error;
  }
  throw new DocumentRefusal(400, options.noFileMessage, "no-file");
}

async function* capped(body: ReadableStream<Uint8Array>, cap: number, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let read = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw new DocumentRefusal(400, INTERRUPTED_MESSAGE, "broken-form");
      }
      if (next.done) return;
      read += next.value.length;
      if (read > cap) throw new DocumentRefusal(400, documentTooLargeMessage(maxBytes), "too-large");
      yield next.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
