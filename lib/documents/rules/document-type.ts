// What an evidence document may be, decided from its first bytes, never from its name or the type
// the sender claims (docs/documents.md#what-is-accepted). Pure.

export type DocumentType = { contentType: "image/png" | "image/jpeg" | "application/pdf"; label: "PNG" | "JPEG" | "PDF" };

/** Bytes the sniffer needs from the start of a file (the longest signature below). */
export const SNIFF_BYTES = 8;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// SOI then the first marker's 0xFF: every JPEG (JFIF, Exif, raw) starts so.
const JPEG = [0xff, 0xd8, 0xff];
// "%PDF-". Readers accept the header within the first 1024 bytes; we ask for it first, as every
// PDF writer puts it, so a file with something else in front (a polyglot) is refused.
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

const startsWith = (head: Uint8Array, signature: readonly number[]) =>
  head.length >= signature.length && signature.every((byte, i) => head[i] === byte);

/** The type the bytes are, or null when they are none of the allowed types. */
export function sniffDocumentType(head: Uint8Array): DocumentType | null {
  if (startsWith(head, PNG)) return { contentType: "image/png", label: "PNG" };
  if (startsWith(head, JPEG)) return { contentType: "image/jpeg", label: "JPEG" };
  if (startsWith(head, PDF)) return { contentType: "application/pdf", label: "PDF" };
  return null;
}

export const WRONG_TYPE_MESSAGE = "The file must be a PNG or JPEG image or a PDF";

export function isImage(contentType: string): boolean {
  return contentType === "image/png" || contentType === "image/jpeg";
}
