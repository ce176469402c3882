import net from "node:net";
import {
  CLAMD_CHUNK_BYTES,
  chunkHeader,
  END_OF_STREAM,
  INSTREAM_COMMAND,
  parseClamdAnswer,
  type ScanVerdict,
} from "./rules/clamd-protocol";

// A clamd client for one thing: INSTREAM over TCP (docs/documents.md#virus-scanning). Node's net
// module and the protocol in rules/clamd-protocol.ts are all it needs, so no npm client is pulled in.

export type ClamdAddress = { host: string; port: number };

/** clamd could not be asked, or gave no usable answer: the document is refused, never kept unscanned. */
export class ScannerUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ScannerUnavailableError";
  }
}

/** Connecting, sending and waiting for the verdict together may take this long. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** An answer line is short; anything longer is not clamd. */
const MAX_ANSWER_BYTES = 4096;

/** Sends `bytes` to clamd's INSTREAM and returns its verdict. */
export function scanWithClamd(
  address: ClamdAddress,
  bytes: Uint8Array,
  options: { timeoutMs?: number } = {},
): Promise<ScanVerdict> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<ScanVerdict>((resolve, reject) => {
    const socket = net.createConnection({ host: address.host, port: address.port });
    const received: Buffer[] = [];
    let receivedBytes = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const fail = (message: string, cause?: unknown) => finish(() => reject(new ScannerUnavailableError(message, { cause })));
    const timer = setTimeout(
      () => fail(`clamd at ${address.host}:${address.port} did not answer within ${timeoutMs} ms`),
      timeoutMs,
    );

    socket.on("connect", () => {
      socket.write(INSTREAM_COMMAND);
      for (let at = 0; at < bytes.length; at += CLAMD_CHUNK_BYTES) {
        const chunk = bytes.subarray(at, Math.min(at + CLAMD_CHUNK_BYTES, bytes.length));
        socket.write(chunkHeader(chunk.length));
        socket.write(chunk);
      }
      socket.write(END_OF_STREAM);
    });
    socket.on("data", (data: Buffer) => {
      received.push(data);
      receivedBytes += data.length;
      if (receivedBytes > MAX_ANSWER_BYTES) fail(`clamd at ${address.host}:${address.port} sent an answer too long to be one`);
      // A "z" command's answer ends with NUL; clamd then closes the connection.
      if (data.includes(0)) settle();
    });
    socket.on("end", settle);
    // clamd closes the connection as soon as a stream passes its StreamMaxLength, often while we
    // are still writing: the answer it sent first is what counts, so a write error waits for "end".
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (received.length > 0 && (error.code === "EPIPE" || error.code === "ECONNRESET")) settle();
      else fail(`clamd at ${address.host}:${address.port} could not be reached: ${error.code ?? error.message}`, error);
    });

    function settle() {
      if (settled) return;
      const answer = Buffer.concat(received).toString("latin1");
      if (answer.length === 0) return fail(`clamd at ${address.host}:${address.port} closed the connection without an answer`);
      try {
        const verdict = parseClamdAnswer(answer);
        finish(() => resolve(verdict));
      } catch (error) {
        fail(`clamd at ${address.host}:${address.port} could not scan the file: ${(error as Error).message}`, error);
      }
    }
  });
}
