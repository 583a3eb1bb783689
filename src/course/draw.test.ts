import { describe, expect, it } from 'vitest';
import { drawQuestions, maxRepeats, type PoolEntry } from './draw.ts';

/** A pool of `size` questions spread over `groups` sections, like a lesson's. */
function poolOf(size: number, groups: number): PoolEntry[] {
  return Array.from({ length: size }, (_, index) => ({
    id: `q${index}`,
    group: `section-${index % groups}`,
  }));
}

/** Takes `retakes` attempts in a row, each drawn after the one before, as a student retaking a quiz does. */
function retakes(pool: readonly PoolEntry[], count: number, lessonSeed: string, retakes: number): string[][] {
  const attempts: string[][] = [];
  for (let attempt = 1; attempt <= retakes; attempt += 1) {
    attempts.push(
      drawQuestions({
        pool,
        count,
        seed: `${lessonSeed}/attempt-${attempt}`,
        previousIds: attempts.at(-1) ?? [],
      }),
    );
  }
  return attempts;
}

const shared = (a: readonly string[], b: readonly string[]) => a.filter((id) => b.includes(id)).length;

describe('drawQuestions', () => {
  it('asks the quiz length in distinct questions from the pool, in pool order', () => {
    const pool = poolOf(9, 3);
    const drawn = drawQuestions({ pool, count: 4, seed: 'replication/attempt-1', previousIds: [] });
    expect(drawn).toHaveLength(4);
    expect(new Set(drawn).size).toBe(4);
    const order = pool.map((entry) => entry.id);
    expect([...drawn].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(drawn);
  });

  it('draws the same questions for the same seed and previous attempt', () => {
    const pool = poolOf(12, 4);
    const request = { pool, count: 6, seed: 'failover/attempt-3', previousIds: ['q1', 'q2'] };
    expect(drawQuestions(request)).toEqual(drawQuestions(request));
  });

  it('shares at most half its questions with the attempt before, over 100 retakes of quizzes of every size', () => {
    for (const [size, count, groups] of [
      [8, 4, 4],
      [9, 4, 3],
      [12, 6, 5],
      [14, 7, 7],
      [70, 12, 8],
      [8, 4, 1],
    ] as const) {
      const seed = `pool-${size}-${count}`;
      const attempts = retakes(poolOf(size, groups), count, seed, 100);
      for (const [index, attempt] of attempts.entries()) {
        expect(attempt, `${seed} attempt ${index + 1}`).toHaveLength(count);
        if (index === 0) continue;
        expect(
          shared(attempt, attempts[index - 1]!),
          `${seed} attempt ${index + 1}; reproduce: retakes(poolOf(${size}, ${groups}), ${count}, '${seed}', ${index + 1})`,
        ).toBeLessThanOrEqual(maxRepeats(count));
      }
    }
  });

  it('is not a fixed rotation: retakes mix repeats and fresh questions, and every question comes up', () => {
    const pool = poolOf(8, 4);
    const attempts = retakes(pool, 4, 'introduction', 100);
    const overlaps = new Set(attempts.slice(1).map((attempt, index) => shared(attempt, attempts[index]!)));
    expect(overlaps.size).toBeGreaterThan(1);
    expect(new Set(attempts.map((attempt) => attempt.join())).size).toBeGreaterThan(2);
    expect(new Set(attempts.flat())).toEqual(new Set(pool.map((entry) => entry.id)));
  });

  it('spreads an attempt over as many sections as the quiz has questions for', () => {
    const pool = poolOf(12, 4);
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const drawn = drawQuestions({ pool, count: 4, seed: `spread/attempt-${attempt}`, previousIds: [] });
      const groups = new Set(drawn.map((id) => pool.find((entry) => entry.id === id)!.group));
      expect(groups.size).toBe(4);
    }
  });

  it('asks the whole pool when it is no larger than the quiz', () => {
    const pool = poolOf(3, 1);
    expect(drawQuestions({ pool, count: 3, seed: 's', previousIds: ['q0', 'q1', 'q2'] })).toEqual([
      'q0',
      'q1',
      'q2',
    ]);
  });
});
