import { describe, expect, it } from 'vitest';
import { fiberFloorOneWayMs, findRegion, regionOneWayMs, regions } from '../../core/regions';

describe('real-world region latencies', () => {
  it('never beat light in fiber: New York – London round trip is at least 56 ms', () => {
    const roundTripMs = regionOneWayMs('us-east', 'eu-west') + regionOneWayMs('eu-west', 'us-east');
    expect(roundTripMs).toBeGreaterThanOrEqual(56);
  });

  it('keep every pair of regions at or above the fiber floor', () => {
    for (const a of regions)
      for (const b of regions) {
        if (a.id === b.id) continue;
        expect(regionOneWayMs(a.id, b.id), `${a.id} → ${b.id}`).toBeGreaterThanOrEqual(
          fiberFloorOneWayMs(findRegion(a.id)!, findRegion(b.id)!),
        );
      }
  });
});
