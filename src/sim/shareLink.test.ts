import { describe, expect, it } from 'vitest';
import type { Action } from '../engine/core/schema';
import { decodeShareState, encodeShareState, readShareLink, shareParam, shareUrl } from './shareLink';

const commands: Action[] = [
  { at: 120, crash: 'n2' },
  { at: 400, partition: [['n1'], ['n2', 'n3']] },
  { at: 900, client: { client: 'you', node: 'n1', op: 'write', key: 'clé', value: 'ünïcødé' } },
];
const state = { scenario: 'quorum/basic', seed: 4242, commands };

describe('share links', () => {
  it('round-trip the scenario, seed and command log, unicode included', () => {
    const encoded = encodeShareState(state);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeShareState(encoded)).toEqual({ ok: true, state: { v: 1, ...state } });
  });

  it('put each embed under its own parameter and keep the rest of the URL', () => {
    expect(shareParam('quorum/basic')).toBe('sim-quorum-basic');
    const url = new URL(
      shareUrl('https://course.test/lessons/quorum?e2e=1#partitions', 'quorum/basic', state),
    );
    expect(url.searchParams.get('e2e')).toBe('1');
    expect(url.hash).toBe('#partitions');
    expect(readShareLink(url.search, 'quorum/basic', 'quorum/basic')).toEqual({
      ok: true,
      state: { v: 1, ...state },
    });
    expect(readShareLink(url.search, 'other', 'quorum/basic')).toBeNull();
  });

  it('reject text that is not base64url JSON with a readable problem', () => {
    for (const bad of ['%%%', 'bm90IGpzb24', '']) {
      const decoded = decodeShareState(bad);
      expect(decoded.ok ? 'accepted' : decoded.problem).toMatch(/^The link's simulation data/);
    }
  });

  it('reject well-formed JSON that is not a valid run, naming the field', () => {
    const encode = (value: unknown) =>
      btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const badAction = decodeShareState(
      encode({ v: 1, scenario: 'a/b', seed: 1, commands: [{ at: 5, explode: 'n1' }] }),
    );
    expect(badAction.ok ? 'accepted' : badAction.problem).toContain('commands[0]');
    const badSeed = decodeShareState(encode({ v: 1, scenario: 'a/b', seed: -3, commands: [] }));
    expect(badSeed.ok ? 'accepted' : badSeed.problem).toContain('seed');
    expect(decodeShareState(encode({ v: 2, scenario: 'a/b', seed: 1, commands: [] })).ok).toBe(false);
  });

  it('refuse a link made for another scenario', () => {
    const search = `?${shareParam('demo')}=${encodeShareState({ ...state, scenario: 'raft/basic' })}`;
    expect(readShareLink(search, 'demo', 'quorum/basic')).toEqual({
      ok: false,
      problem: 'The link is for the simulation "raft/basic", not "quorum/basic".',
    });
  });
});
