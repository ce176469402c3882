// Pure: where files live in the store. Names are date-prefixed because Azure cannot filter a
// listing by date on the server, only by name prefix; and deterministic per run so that a retry
// writes to the same keys and the write-once check can recognise its own earlier upload.

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
// Run file names are built by code (e.g. "accesspay_20261122_000000.csv"), so they are checked, not cleaned.
const RUN_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const SAFE_NAME_MAX = 100;

/** "YYYY/MM/DD" of the instant in UTC: the same on every server, whatever its time zone. */
function utcDatePath(at: Date, what: string): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new Error(`${what} must be a valid Date`);
  const yyyy = String(at.getUTCFullYear()).padStart(4, "0");
  const mm = String(at.getUTCMonth() + 1).padStart(2, "0");
  const dd = String(at.getUTCDate()).padStart(2, "0");
  return `${yyyy}/${mm}/${dd}`;
}

function assertId(value: string, what: string): void {
  if (!ID.test(value)) throw new Error(`${what} must be 1-100 letters, digits, "_" or "-", got ${JSON.stringify(value)}`);
}

/** `YYYY/MM/DD/<runId>/<fileName>`, dated by the run's frozen start time (UTC). */
export function runFileKey(input: { runStartedAt: Date; runId: string; fileName: string }): string {
  assertId(input.runId, "runId");
  if (!RUN_FILE_NAME.test(input.fileName)) {
    throw new Error(`fileName must be 1-100 letters, digits, ".", "_" or "-", got ${JSON.stringify(input.fileName)}`);
  }
  return `${utcDatePath(input.runStartedAt, "runStartedAt")}/${input.runId}/${input.fileName}`;
}

/** `uploads/YYYY/MM/DD/<uploadId>/<safe file name>`; the user's file name is cleaned, not trusted. */
export function uploadKey(input: { uploadedAt: Date; uploadId: string; fileName: string }): string {
  assertId(input.uploadId, "uploadId");
  return `uploads/${utcDatePath(input.uploadedAt, "uploadedAt")}/${input.uploadId}/${safeFileName(input.fileName)}`;
}

/**
 * Keeps ASCII letters, digits, ".", "_" and "-"; anything else becomes "_". Leading dots become
 * "_" too (dot-names are reserved by the store, and "." / ".." must never be a path segment), as do
 * trailing dots (Azure mishandles names ending in "."). At most 100 characters, keeping a short
 * extension when the name is cut so downloads still open in the right program.
 */
export function safeFileName(name: string): string {
  let safe = name.replace(/[^A-Za-z0-9._-]/gu, "_");
  if (safe.length > SAFE_NAME_MAX) {
    const ext = /\.[A-Za-z0-9]{1,10}$/.exec(safe)?.[0] ?? "";
    safe = safe.slice(0, SAFE_NAME_MAX - ext.length) + ext;
  }
  // Dots become underscores one for one, so the name stays within the limit.
  safe = safe.replace(/^\.+/, (dots) => "_".repeat(dots.length)).replace(/\.+$/, (dots) => "_".repeat(dots.length));
  return safe === "" ? "file" : safe;
}
