import { performance } from 'node:perf_hooks';

/** The fastest of `runs` wall-clock timings of `work` (the least disturbed by other load), and its result. */
export function bestOf<T>(runs: number, work: () => T): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = work();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: Math.round(best * 10) / 10, result };
}
