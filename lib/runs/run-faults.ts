// A seam for crash tests: shells call `reached(faults, step)` after each step has committed, and a
// test's hook may throw there (the run then fails) or never return (a process that died).
// Production passes nothing.

export interface RunFaults {
  after?: (step: string) => void | Promise<void>;
}

export async function reached(faults: RunFaults | undefined, step: string): Promise<void> {
  await faults?.after?.(step);
}
