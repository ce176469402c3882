/**
 * mulberry32: a tiny seeded pseudo-random generator, numbers in [0, 1). For demo data and
 * property tests, which must come out the same on every run (a failure reproduces from its seed).
 * Never for anything secret: use node:crypto for that.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
