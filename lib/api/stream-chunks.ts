/**
 * A response body that pulls the next chunk only when the client has taken the last one, so a slow
 * download never makes the server read ahead of it; a cancelled download stops the reading.
 */
export function streamChunks(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
