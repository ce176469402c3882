// Pure: why the embedded PostgreSQL could not start, as one sentence naming the cause and the fix.
// `npm start` prints it instead of a stack trace or PostgreSQL's own log.

export type PostgresFailure = {
  /** What was thrown (a Node.js system error has `code` and `syscall`), if anything. */
  error?: unknown;
  /** What initdb or postgres printed. */
  output?: string;
  port: number;
  /** The setting that chooses the port (e.g. EMBEDDED_PG_PORT), when there is one. */
  portSetting?: string;
  /** The data folder as the user should see it (relative to the project when inside it). */
  dataDir: string;
  runningAsRoot: boolean;
  /** Root only: a folder on the way to the data folder or the binaries that the "postgres" user cannot enter. */
  unreachableFolder?: string;
  /** Something already listens on the port. */
  portInUse?: boolean;
  /** The major version in the data folder's PG_VERSION, when it has one. */
  dataVersion?: string;
  /** The major version of the embedded PostgreSQL binaries. */
  serverVersion: string;
};

const field = (error: unknown, name: "code" | "syscall" | "message"): string =>
  error && typeof error === "object" && name in error ? String((error as Record<string, unknown>)[name]) : "";

/** PostgreSQL's last complaint (or the error's message), for failures nothing here recognises. */
function lastMessage(output: string, error: unknown): string {
  const lines = output
    .split("\n")
    .map((l) => l.replace(/^\[STDERR\]\s*/, "").trim())
    .filter(Boolean);
  const complaint = lines.filter((l) => /\b(FATAL|PANIC|ERROR|error):/.test(l)).pop();
  const text = complaint?.replace(/^.*?\b(FATAL|PANIC|ERROR|error):\s*/, "") ?? (field(error, "message") || lines.pop() || "");
  return text.replace(/\s+/g, " ").replace(/[.\s]+$/, "");
}

export function explainPostgresFailure(f: PostgresFailure): string {
  const output = f.output ?? "";
  const code = field(f.error, "code");
  const message = field(f.error, "message");
  const all = `${message}\n${output}`;

  if (code === "ENOSPC" || /No space left on device/i.test(all))
    return `The disk is full (no space left on device), so the embedded PostgreSQL could not set up or start its data folder ${f.dataDir}: free some disk space and run npm start again.`;

  const madeBy = f.dataVersion ?? /initialized by PostgreSQL version (\d+)/.exec(all)?.[1];
  if (madeBy && madeBy !== f.serverVersion)
    return `The data folder ${f.dataDir} was made by PostgreSQL ${madeBy}, but the embedded PostgreSQL is version ${f.serverVersion}: delete or move ${f.dataDir} (it holds only demo data) and run npm start again to make a fresh one.`;

  const permissionDenied = (code === "EACCES" && field(f.error, "syscall").startsWith("spawn")) || /Permission denied/i.test(all);
  if (f.runningAsRoot && (f.unreachableFolder || permissionDenied)) {
    const where = f.unreachableFolder ? ` cannot enter ${f.unreachableFolder}` : ` cannot reach the project's files`;
    return `Run as root, the embedded PostgreSQL runs as the user "postgres", which${where}: move the project to a folder every user can read, such as /srv or /opt, or run npm start as a normal user.`;
  }

  if (f.portInUse || /Address already in use|another postmaster already running on port/i.test(all)) {
    const fix = f.portSetting
      ? `stop that program or choose another port with ${f.portSetting} (for example ${f.portSetting}=${f.port + 1} npm start)`
      : `stop that program and try again`;
    return `Port ${f.port} is already in use by another program, so the embedded PostgreSQL cannot listen on it: ${fix}.`;
  }

  if (permissionDenied || /has wrong ownership|must be started by the user that owns/i.test(all))
    return `The embedded PostgreSQL may not use its data folder ${f.dataDir} (permission denied or owned by another user, for example after a run as root): delete ${f.dataDir} (it holds only demo data) or give your user ownership of it, and run npm start again.`;

  return `The embedded PostgreSQL with its data folder ${f.dataDir} did not start on port ${f.port} (${lastMessage(output, f.error) || "no message"}): delete ${f.dataDir} (it holds only demo data) to start again from scratch if this persists.`;
}
