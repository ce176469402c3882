import { describe, expect, it } from "vitest";
import { readBodyUpTo } from "./read-body";

/** A request whose body is `chunks` chunks of `size` bytes, counting how many chunks were pulled. */
function streamed(chunks: number, size: number, headers: Record<string, string> = {}) {
  const seen = { chunks: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.chunks === chunks) return controller.close();
      seen.chunks += 1;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  const request = new Request("http://test/api/claims", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request, seen };
}

describe("readBodyUpTo", () => {
  it("reads a body of exactly the limit", async () => {
    const { request } = streamed(4, 256);
    const read = await readBodyUpTo(request, 1024);
    expect(read.ok && read.bytes.length).toBe(1024);
  });

  it("stops at the chunk that passes the limit and cancels the rest", async () => {
    const { request, seen } = streamed(3_200, 64 * 1024); // 200 MB if read to the end
    expect(await readBodyUpTo(request, 1024 * 1024)).toEqual({ ok: false, tooLarge: true });
    expect(seen.chunks).toBeLessThanOrEqual(17);
    expect(seen.cancelled).toBe(true);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const { request, seen } = streamed(10, 1024, { "Content-Length": String(200 * 1024 * 1024) });
    expect(await readBodyUpTo(request, 1024 * 1024)).toEqual({ ok: false, tooLarge: true });
    expect(seen.chunks).toBeLessThanOrEqual(1);
  });

  it("an absent body is empty", async () => {
    const read = await readBodyUpTo(new Request("http://test/", { method: "POST" }), 10);
    expect(read.ok && read.bytes.length).toBe(0);
  });
});
