// What went wrong with an SFTP delivery, in words for the batch page: an admin reading it must know
// whether to call the Post Office, fix a setting, or simply retry, and whether anything arrived.
// Pure: the raw errors of ssh2 / ssh2-sftp-client and where the delivery was are the input.
import { DeliveryError } from "./payout-deliverer";

/** Where the delivery was when it failed. */
export type SftpStage =
  /** Looking for the final file, before anything is written (or after a refused rename). */
  | "check"
  /** Writing `name.part`. */
  | "upload"
  /** Reading back the size of `name.part`. */
  | "verify"
  /** The rename request has been sent: from here a lost connection leaves the outcome unknown. */
  | "rename";

export interface SftpFailureContext {
  /** "host:port", named in every message. */
  server: string;
  username: string;
  dir: string;
  fileName?: string;
  timeoutMs: number;
}

type RawError = { message?: unknown; code?: unknown; level?: unknown };

function raw(error: unknown): RawError {
  return typeof error === "object" && error !== null ? (error as RawError) : { message: String(error) };
}

function messageOf(error: unknown): string {
  const text = raw(error).message;
  return typeof text === "string" && text.length > 0 ? text : String(error);
}

const NOTHING_DELIVERED = "Nothing was delivered.";

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: "the connection was refused (is the server down, or the host or port wrong?)",
  EHOSTUNREACH: "no route to the host",
  ENETUNREACH: "the network is unreachable",
  ETIMEDOUT: "the connection timed out",
  EHOSTDOWN: "the host is down",
};

/**
 * A failure before the session was ready: the TCP connection, the handshake, the host key or the
 * login. `rawError` is what the ssh2 client emitted (it keeps `level`, which ssh2-sftp-client's
 * wrapped error loses); `presentedHostKey` is the fingerprint the server showed, if it got that far.
 */
export function connectFailure(input: {
  error: unknown;
  rawError?: unknown;
  pinnedHostKeys: readonly string[];
  presentedHostKey?: string;
  context: SftpFailureContext;
}): DeliveryError {
  const { context, pinnedHostKeys, presentedHostKey } = input;
  const cause = input.rawError ?? input.error;
  const { code, level } = raw(cause);
  const server = context.server;
  if (presentedHostKey !== undefined && !pinnedHostKeys.includes(presentedHostKey)) {
    return new DeliveryError(
      `The SFTP server's host key has changed (expected ${pinnedHostKeys.join(" or ")}, got ${presentedHostKey}): delivery refused. ` +
        `The server at ${server} may not be the Post Office's: check with them before changing PAYOUT_SFTP_HOST_KEY.`,
      false,
      { cause },
    );
  }
  if (level === "client-authentication") {
    return new DeliveryError(
      `The SFTP server at ${server} refused the login for user "${context.username}": the key or password was not accepted. ${NOTHING_DELIVERED}`,
      false,
      { cause },
    );
  }
  if (typeof code === "string" && code in UNREACHABLE_CODES) {
    return new DeliveryError(
      `The SFTP server at ${server} cannot be reached: ${UNREACHABLE_CODES[code]}. ${NOTHING_DELIVERED}`,
      false,
      {
        cause,
      },
    );
  }
  if (level === "client-dns" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new DeliveryError(`The SFTP server's name in ${server} could not be looked up. ${NOTHING_DELIVERED}`, false, {
      cause,
    });
  }
  if (level === "client-timeout") {
    return new DeliveryError(
      `The SFTP server at ${server} did not answer within ${seconds(context.timeoutMs)}. ${NOTHING_DELIVERED}`,
      false,
      { cause },
    );
  }
  const text = messageOf(cause);
  if (/private ?key|passphrase/i.test(text)) {
    return new DeliveryError(
      `The SFTP private key (PAYOUT_SFTP_PRIVATE_KEY_PATH) cannot be used to sign in to ${server}: ${text}. ${NOTHING_DELIVERED}`,
      false,
      {
        cause,
      },
    );
  }
  if (level === "client-socket" || code === "ECONNRESET") {
    return new DeliveryError(
      `The SFTP server at ${server} closed the connection before the login completed. ${NOTHING_DELIVERED}`,
      false,
      {
        cause,
      },
    );
  }
  return new DeliveryError(`Could not connect to the SFTP server at ${server}: ${text}. ${NOTHING_DELIVERED}`, false, { cause });
}

// SFTP status codes (draft-ietf-secsh-filexfer-02, the version OpenSSH speaks).
const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;
const NO_CONNECTION = 6;
const CONNECTION_LOST = 7;

/** The SFTP status of a refused request, or undefined when the failure was the connection itself. */
export function sftpStatus(error: unknown): number | undefined {
  const { code } = raw(error);
  return typeof code === "number" && code !== NO_CONNECTION && code !== CONNECTION_LOST ? code : undefined;
}

/**
 * A failure once the session was up. A refused request (an SFTP status) is certain: the server
 * answered. Anything else means the connection broke; only when that happened after the rename
 * request went out is the delivery's outcome unknown (`uncertain`). ssh2-sftp-client says
 * ERR_NOT_CONNECTED when it found the connection already gone and sent nothing.
 */
export function transferFailure(input: {
  error: unknown;
  rawError?: unknown;
  stage: SftpStage;
  context: SftpFailureContext;
}): DeliveryError {
  const { error, stage, context } = input;
  const server = context.server;
  const name = context.fileName ?? "the file";
  const remote = context.fileName
    ? `${joinRemote(context.dir, context.fileName)}${stage === "check" ? "" : ".part"}`
    : context.dir;
  const status = sftpStatus(error);
  if (status === PERMISSION_DENIED) {
    const doing = {
      check: `look at ${remote}`,
      upload: `write ${remote}`,
      verify: `read ${remote}`,
      rename: `rename ${remote} to ${name}`,
    }[stage];
    return new DeliveryError(
      `The SFTP server at ${server} refused permission to ${doing} (user "${context.username}"). ${NOTHING_DELIVERED}`,
      false,
      { cause: error },
    );
  }
  if (status === NO_SUCH_FILE && stage !== "verify") {
    return new DeliveryError(
      `The folder ${context.dir} does not exist on the SFTP server at ${server} (PAYOUT_SFTP_DIR). ${NOTHING_DELIVERED}`,
      false,
      {
        cause: error,
      },
    );
  }
  if (status !== undefined) {
    const doing = {
      check: `looking for ${name}`,
      upload: `writing ${remote}`,
      verify: `checking ${remote}`,
      rename: `renaming ${name}.part to ${name}`,
    }[stage];
    return new DeliveryError(
      `The SFTP server at ${server} refused ${doing}: ${stripPrefix(messageOf(error))}. ${NOTHING_DELIVERED}`,
      false,
      {
        cause: error,
      },
    );
  }
  const why = raw(input.rawError).level === "client-timeout" ? "stopped answering" : "was lost";
  const sent = raw(error).code !== "ERR_NOT_CONNECTED";
  if (stage === "rename" && sent) {
    return new DeliveryError(
      `The connection to the SFTP server at ${server} ${why} after the rename of ${name}.part to ${name} was requested: ` +
        "whether the file was delivered is not known.",
      true,
      { cause: error },
    );
  }
  const during =
    stage === "check" ? `while looking for ${name}` : stage === "rename" ? "before the rename" : `during the upload of ${name}`;
  return new DeliveryError(`The connection to the SFTP server at ${server} ${why} ${during}. ${NOTHING_DELIVERED}`, false, {
    cause: error,
  });
}

export function joinRemote(dir: string, name: string): string {
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}

/** "_put: Write stream error: Failure /in/x.part" -> "Failure /in/x.part": the method names help nobody. */
function stripPrefix(message: string): string {
  return message.replace(/^(?:[_A-Za-z]+(?:->)?: )+/, "").replace(/^Write stream error: /, "");
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
