import { seededShuffle } from './shuffle.ts';

/** A question in a quiz's pool, as the draw sees it. */
export interface PoolEntry {
  id: string;
  /**
   * What the question is about: the lesson section that teaches it, or for the final test the lesson it
   * comes from. A draw spreads its questions over as many groups as it can.
   */
  group: string;
}

export interface DrawRequest {
  pool: readonly PoolEntry[];
  /** How many questions the attempt asks. */
  count: number;
  /** Same seed, same pool and same previous attempt: same draw. */
  seed: string;
  /** The ids the attempt before this one asked; a retake repeats at most half of them (rounded down). */
  previousIds: readonly string[];
}

/** The most questions a retake of `count` questions may share with the attempt before it. */
export function maxRepeats(count: number): number {
  return Math.floor(count / 2);
}

/**
 * Draws one attempt's questions from a pool, deterministically from the seed: a seeded shuffle, then one
 * question from each group in turn, so an attempt covers as many sections as it can. A question the
 * previous attempt asked is skipped once `maxRepeats` of them are in. With a pool of at least twice the
 * quiz length there are always enough fresh questions. Returns ids in pool order, so the quiz reads in the
 * order the lesson teaches.
 */
export function drawQuestions({ pool, count, seed, previousIds }: DrawRequest): string[] {
  if (count >= pool.length) return pool.map((entry) => entry.id);
  const previous = new Set(previousIds);
  const queues = new Map<string, PoolEntry[]>();
  for (const entry of seededShuffle(pool, seed)) {
    const queue = queues.get(entry.group);
    if (queue) queue.push(entry);
    else queues.set(entry.group, [entry]);
  }

  const chosen = new Set<string>();
  let repeats = 0;
  const canTake = (entry: PoolEntry) => !previous.has(entry.id) || repeats < maxRepeats(count);
  while (chosen.size < count) {
    let tookAny = false;
    for (const queue of queues.values()) {
      if (chosen.size === count) break;
      const index = queue.findIndex(canTake);
      if (index === -1) continue;
      const [entry] = queue.splice(index, 1) as [PoolEntry];
      chosen.add(entry.id);
      if (previous.has(entry.id)) repeats += 1;
      tookAny = true;
    }
    // Only reachable with a pool smaller than twice the quiz: fill up with repeats rather than ask fewer.
    if (!tookAny) {
      for (const entry of seededShuffle(pool, `${seed}/fill`)) {
        if (chosen.size === count) break;
        chosen.add(entry.id);
      }
    }
  }
  return pool.filter((entry) => chosen.has(entry.id)).map((entry) => entry.id);
}
