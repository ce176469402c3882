// The size rules of an evidence document and their messages (docs/documents.md#what-is-accepted). Pure.

export const MIB = 1024 * 1024;

/** The largest document, unless DOCUMENT_MAX_MB says otherwise. */
export const DEFAULT_DOCUMENT_MAX_MB = 10;

/** A claim holds at most this many documents: an API token cannot fill the store through one claim. */
export const MAX_DOCUMENTS_PER_CLAIM = 50;

export const NO_DOCUMENT_MESSAGE = "Choose a file to attach";
export const EMPTY_DOCUMENT_MESSAGE = "The file is empty";
export const INFECTED_MESSAGE = "The file contains a virus and was not kept";
export const TOO_MANY_DOCUMENTS_MESSAGE = `This claim already has ${MAX_DOCUMENTS_PER_CLAIM} documents, the most a claim may have`;

export function documentTooLargeMessage(maxBytes: number): string {
  return `The file must be smaller than ${describeSize(maxBytes)}`;
}

/** "10 MB" for whole mebibytes, else KB or bytes: how sizes are shown beside each document. */
export function describeSize(bytes: number): string {
  if (bytes >= MIB) {
    const mb = bytes / MIB;
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
}

export const INTERRUPTED_MESSAGE = "The upload was interrupted before the whole file arrived: send it again";
export const BROKEN_FORM_MESSAGE = "The file did not arrive whole: attach it again";

export const NOT_SCANNED_LABEL = "Not scanned: no virus scanner configured (demo)";
export const NO_SCANNER_MESSAGE = "Documents cannot be accepted: no virus scanner is configured (CLAMD_HOST). Nothing was kept.";
export const SCANNER_DOWN_MESSAGE = "The virus scanner could not check the file, so it was not kept. Try again in a few minutes.";
