/**
 * A deterministic shuffle: the same items and seed always give the same order, so a quiz attempt shows
 * the same choice order after a re-render, each new attempt gets a fresh order, and tests can predict it.
 */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const next = mulberry32(hashString(seed));
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  return shuffled;
}

/** A seeded source of floats in [0, 1): the same seed always gives the same sequence. */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashString(seed));
}

/** FNV-1a: a 32-bit hash of a string. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mulberry32: a small, fast PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
