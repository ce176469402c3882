// The two HTTP clients of the hostile-upload bench: one posts a body (fast, or a few KB a second)
// and times the answer, noting how much of the body had gone when it came; the other polls
// /api/health every 100 ms, one request at a time, so a stall shows as one long poll.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface PostAnswer {
  status: number | null;
  body: string;
  /** From the first byte sent to the whole answer read. */
  answerMs: number | null;
  /** From the last byte of the body written to the answer; null when the answer came first. */
  afterLastByteMs: number | null;
  bytesWrittenAtAnswer: number;
  error?: string;
}

const CHUNK = 64 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until the socket takes more, or the request is over. */
function drained(request: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      request.off("drain", done).off("close", done);
      resolve();
    };
    request.on("drain", done).on("close", done);
  });
}

/**
 * POSTs `body` on a connection of its own and reads the answer. Writing stops as soon as an answer
 * starts: a refused upload answers before its body is in, and the server closes the connection.
 */
export function postBody(options: {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  trickle?: { chunkBytes: number; intervalMs: number };
  timeoutMs?: number;
}): Promise<PostAnswer> {
  const { body, trickle } = options;
  return new Promise((resolve) => {
    const started = performance.now();
    let written = 0;
    let lastByteAt: number | null = null;
    let answered = false;
    let settled = false;
    const request = http.request(options.url, {
      method: "POST",
      agent: false,
      headers: { ...options.headers, "Content-Length": String(body.length) },
    });
    const finish = (answer: Omit<PostAnswer, "bytesWrittenAtAnswer"> & { bytesWrittenAtAnswer?: number }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ bytesWrittenAtAnswer: written, ...answer });
    };
    const timer = setTimeout(
      () => finish({ status: null, body: "", answerMs: null, afterLastByteMs: null, error: "no answer in time" }),
      options.timeoutMs ?? 120_000,
    );
    request.on("response", (response) => {
      answered = true;
      const writtenAtAnswer = written;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const now = performance.now();
        finish({
          status: response.statusCode ?? null,
          body: Buffer.concat(chunks).toString("utf8"),
          answerMs: now - started,
          afterLastByteMs: lastByteAt === null ? null : now - lastByteAt,
          bytesWrittenAtAnswer: writtenAtAnswer,
        });
      });
      response.on("error", (error) =>
        finish({ status: response.statusCode ?? null, body: "", answerMs: null, afterLastByteMs: null, error: error.message }),
      );
    });
    // Once the server has answered and closed, writing fails: that is the refusal working.
    request.on("error", (error) => {
      if (!answered) finish({ status: null, body: "", answerMs: null, afterLastByteMs: null, error: error.message });
    });

    const write = async () => {
      const step = trickle?.chunkBytes ?? CHUNK;
      for (let at = 0; at < body.length && !answered && !settled; at += step) {
        const chunk = body.subarray(at, at + step);
        const flushed = request.write(chunk);
        written += chunk.length;
        // The body's length is known: the server has it all once the last byte is written.
        if (written === body.length) lastByteAt = performance.now();
        if (trickle) await sleep(trickle.intervalMs);
        else if (!flushed) await drained(request);
      }
      if (!answered && !settled) request.end();
    };
    void write().catch(() => undefined);
  });
}

/** Polls GET url every intervalMs (one request at a time) until stopped; answers each poll's time. */
export function pollHealth(url: string, sample: () => void, intervalMs = 100) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: { ms: number; ok: boolean }[] = [];
  let stopped = false;
  const once = () =>
    new Promise<{ ms: number; ok: boolean }>((resolve) => {
      const started = performance.now();
      const request = http.get(url, { agent, timeout: 30_000 }, (response) => {
        response.resume();
        response.on("end", () => resolve({ ms: performance.now() - started, ok: response.statusCode === 200 }));
      });
      request.on("timeout", () => request.destroy(new Error("timed out")));
      request.on("error", () => resolve({ ms: performance.now() - started, ok: false }));
    });
  const loop = (async () => {
    while (!stopped) {
      const poll = await once();
      samples.push(poll);
      sample();
      await sleep(Math.max(0, intervalMs - poll.ms));
    }
  })();
  return {
    /** Stops after the poll in flight and answers every poll's time. */
    stop: async () => {
      stopped = true;
      await loop;
      agent.destroy();
      return samples;
    },
  };
}
