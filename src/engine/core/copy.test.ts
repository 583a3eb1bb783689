import { describe, expect, it } from 'vitest';
import { copyPlainData } from './copy';

describe('copyPlainData', () => {
  it('copies deeply, keeping shared references shared and cycles intact', () => {
    const entry = { value: 1 };
    const original: Record<string, unknown> = {
      a: entry,
      b: [entry, Infinity, undefined, null, 'text'],
      nested: { deep: { x: 1 } },
    };
    original.self = original;
    const { copy, approximateBytes } = copyPlainData(original);
    expect(copy).not.toBe(original);
    expect(copy.a).toEqual(entry);
    expect(copy.a).not.toBe(entry);
    expect((copy.b as unknown[])[0]).toBe(copy.a);
    expect((copy.b as unknown[]).slice(1)).toEqual([Infinity, undefined, null, 'text']);
    expect(copy.self).toBe(copy);
    (copy.nested as { deep: { x: number } }).deep.x = 2;
    expect((original.nested as { deep: { x: number } }).deep.x).toBe(1);
    expect(approximateBytes).toBeGreaterThan(100);
  });

  it('hands anything that is not plain data to structuredClone', () => {
    const original = {
      map: new Map([['k', { v: 1 }]]),
      bytes: new Uint8Array([1, 2]),
      bare: Object.assign(Object.create(null), { z: 1 }),
    };
    const { copy } = copyPlainData(original);
    expect(copy.map).toEqual(original.map);
    expect(copy.map).not.toBe(original.map);
    expect(copy.bytes).toEqual(original.bytes);
    expect(Object.getPrototypeOf(copy.bare)).toBeNull();
    expect(copy.bare.z).toBe(1);
  });

  it('shares frozen data instead of copying it, since it can never change', () => {
    const entry = Object.freeze({ term: 1, command: Object.freeze({ op: 'write', key: 'x' }) });
    const original = { log: [entry, entry], open: { n: 1 } };
    const { copy } = copyPlainData(original);
    expect(copy.log).not.toBe(original.log);
    expect(copy.log[0]).toBe(entry);
    expect(copy.open).not.toBe(original.open);
  });
});
