// A document's name as the sender gave it is a label (the list on the claim page, the name a
// download is saved under), never a path: only its last part is kept, and nothing that hides or
// reorders text survives (a right-to-left override makes "receipt\u202Egnp.exe" read as
// "receiptexe.png"). Pure.

/** Longest name kept, in characters; a longer one keeps its extension. */
export const MAX_FILE_NAME_LENGTH = 200;

// Control characters (C0, DEL, C1), format characters (every bidi control, zero-width ones, the
// BOM, tag characters), lone surrogates, line and paragraph separators, and the Hangul fillers.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/gu;

/** What a file is called when its name is nothing once cleaned, by its type's extension. */
const FALLBACK_NAME: Record<string, string> = {
  "image/png": "document.png",
  "image/jpeg": "document.jpg",
  "application/pdf": "document.pdf",
};

export function cleanDocumentFileName(name: string, contentType?: string): string {
  const lastPart = name.split(/[/\\]/).pop() ?? "";
  let clean = lastPart
    .normalize("NFC")
    // Tabs and line breaks become spaces before the other hidden characters go.
    .replace(/[\p{Zs}\t\n\v\f\r\u0085\u2028\u2029]+/gu, " ")
    .replace(HIDDEN, "")
    .replace(/ {2,}/g, " ")
    .trim()
    // Dot-names are hidden files to most tools; "." and ".." are not names at all.
    .replace(/^\.+/, "")
    .trim();
  const characters = [...clean];
  if (characters.length > MAX_FILE_NAME_LENGTH) {
    const extension = /\.[A-Za-z0-9]{1,10}$/.exec(clean)?.[0] ?? "";
    clean = characters.slice(0, MAX_FILE_NAME_LENGTH - extension.length).join("") + extension;
  }
  return clean === "" ? (FALLBACK_NAME[contentType ?? ""] ?? "document") : clean;
}

/** Content-Disposition for a document shown in the browser: an ASCII name plus the RFC 5987 UTF-8 one. */
export function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
