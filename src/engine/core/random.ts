/**
 * Seeded pseudo-random streams (sfc32). The engine never calls Math.random: every draw comes from a
 * stream derived from the scenario's seed, so one seed replays a run exactly.
 *
 * Child streams are derived from the parent's *seed* and a label, never from the parent's position,
 * so adding a node (a new label) leaves every other stream untouched.
 */
export interface RandomState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** FNV-1a over a string, mixed with a 32-bit seed. Used to derive child seeds from labels. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  readonly seed: number;
  private s: RandomState;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    const next = splitmix32(this.seed);
    this.s = { a: next(), b: next(), c: next(), d: next() };
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A child stream whose sequence depends only on this stream's seed and the label. */
  child(label: string): Random {
    return new Random(hashString(label, this.seed ^ 0x9e3779b9));
  }

  nextU32(): number {
    const s = this.s;
    const t = (((s.a + s.b) >>> 0) + s.d) >>> 0;
    s.d = (s.d + 1) >>> 0;
    s.a = s.b ^ (s.b >>> 9);
    s.b = (s.c + (s.c << 3)) >>> 0;
    s.c = ((s.c << 21) | (s.c >>> 11)) >>> 0;
    s.c = (s.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.nextU32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability numerator/denominator, compared as integers so no float rounding creeps in. */
  chance(numerator: number, denominator: number): boolean {
    if (numerator <= 0) return false;
    if (numerator >= denominator) return true;
    return this.nextU32() % denominator < numerator;
  }

  /** True with probability p, where p is converted to parts per million. */
  bernoulli(p: number): boolean {
    return this.chance(Math.round(p * 1_000_000), 1_000_000);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: no items to pick from');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Exponentially distributed value with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Normally distributed value (Box-Muller). */
  normal(mean: number, stdDev: number): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + stdDev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  /** A stream that reads and advances the given state object in place (so a world snapshot captures it). */
  static attach(state: RandomState): Random {
    const random = new Random(0);
    random.s = state;
    return random;
  }

  snapshot(): RandomState {
    return { ...this.s };
  }

  restore(state: RandomState): void {
    this.s = { ...state };
  }
}
