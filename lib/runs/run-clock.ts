// The shells take `now` as an argument (tests pin it), but a lease must follow real time while a
// run works. This clock starts at `now` and advances with the process's monotonic clock.

export type Clock = () => Date;

export function clockFrom(now: Date): Clock {
  const startedMs = performance.now();
  return () => new Date(now.getTime() + Math.floor(performance.now() - startedMs));
}
