/**
 * Node specs for scenarios over real-world regions (shared by the multileader, cap and multiregion
 * scenario families). One node per region, named after it, so notes read "eu-west reconciled 2 keys with
 * us-east" and the engine takes each link's latency from the region table in core/regions.ts.
 */
import type { NodeSpec } from '../../core/schema';

export const threeRegions = ['us-east', 'eu-west', 'ap-northeast'] as const;

/** One node per region; `clockOffsetMs` gives some nodes a skewed clock. */
export function regionNodes(
  regions: readonly string[],
  clockOffsetMs: Record<string, number> = {},
): NodeSpec[] {
  return regions.map((region) => {
    const offsetMs = clockOffsetMs[region];
    return offsetMs === undefined
      ? { id: region, region }
      : { id: region, region, clock: { offsetMs, driftPpm: 0, uncertaintyMs: 0 } };
  });
}
