import { describe, expect, it } from 'vitest';
import type { Action } from '../engine/core/schema';
import {
  decodeShareState,
  encodeShareState,
  packJson,
  readShareLink,
  shareLimits,
  shareParam,
  shareUrl,
  withoutShareState,
} from './shareLink';

const commands: Action[] = [
  { at: 120, crash: 'n2' },
  { at: 400, partition: [['n1'], ['n2', 'n3']] },
  { at: 900, client: { client: 'you', node: 'n1', op: 'write', key: 'clé', value: 'ünïcødé' } },
];
const state = { scenario: 'quorum/basic', seed: 4242, commands };
const nodeIds = ['n1', 'n2', 'n3'];

/** Link data in the format of links made before compression: base64url of the JSON. */
const plainData = (value: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const problemOf = async (data: string, ids: readonly string[] = nodeIds) => {
  const decoded = await decodeShareState(data, ids);
  return decoded.ok ? 'accepted' : decoded.problem;
};

/** The 500 student actions of a long session: writes, crashes and restarts on a three-node cluster. */
function longSession(count: number): Action[] {
  return Array.from({ length: count }, (_, i): Action => {
    const at = 50 + i * 37;
    if (i % 10 === 3) return { at, crash: `n${(i % 3) + 1}` };
    if (i % 10 === 4) return { at, restart: `n${(i % 3) + 1}` };
    return {
      at,
      client: { client: 'you', node: `n${(i % 3) + 1}`, op: 'write', key: `k${i % 17}`, value: i },
    };
  });
}

describe('share links', () => {
  it('round-trip the scenario, seed and command log, unicode included', async () => {
    const encoded = await encodeShareState(state);
    expect(encoded).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareState(encoded, nodeIds)).toEqual({ ok: true, state: { v: 1, ...state } });
  });

  it('carry only the embed’s own state, in the fragment: no preview, e2e, other embeds or anchors', async () => {
    const url = new URL(
      await shareUrl(
        'https://course.test/lessons/quorum?preview=instructor&e2e=1&sim-other=abc#partitions',
        'quorum/basic',
        state,
      ),
    );
    expect(url.search).toBe('');
    expect(url.pathname).toBe('/lessons/quorum');
    expect([...new URLSearchParams(url.hash.slice(1)).keys()]).toEqual([shareParam('quorum/basic')]);
    expect(await readShareLink(url, 'quorum/basic', 'quorum/basic', nodeIds)).toEqual({
      ok: true,
      state: { v: 1, ...state },
    });
    expect(await readShareLink(url, 'other', 'quorum/basic', nodeIds)).toBeNull();
  });

  it('keep a 500-action session out of the request line, and compressed', async () => {
    const url = await shareUrl('https://course.test/lessons/quorum', 'quorum/basic', {
      ...state,
      commands: longSession(500),
    });
    const requestLine = `GET ${new URL(url).pathname}${new URL(url).search} HTTP/1.1`;
    expect(requestLine.length).toBeLessThan(100);
    const uncompressed = plainData({ v: 1, ...state, commands: longSession(500) }).length;
    expect(url.length).toBeLessThan(uncompressed / 4);
  });

  it('still open links from before the fragment format (query parameter, uncompressed)', async () => {
    const search = `?${shareParam('demo')}=${plainData({ v: 1, ...state })}`;
    expect(await readShareLink({ search, hash: '' }, 'demo', 'quorum/basic', nodeIds)).toEqual({
      ok: true,
      state: { v: 1, ...state },
    });
  });

  it('reject text that is not link data with a readable problem', async () => {
    for (const bad of ['%%%', 'bm90IGpzb24', '', 'c1.AAAA'])
      expect(await problemOf(bad)).toMatch(/^The link's simulation data/);
  });

  it('reject well-formed JSON that is not a valid run, naming the field', async () => {
    expect(
      await problemOf(plainData({ v: 1, scenario: 'a/b', seed: 1, commands: [{ at: 5, explode: 'n1' }] })),
    ).toContain('commands[0]');
    expect(await problemOf(plainData({ v: 1, scenario: 'a/b', seed: -3, commands: [] }))).toContain('seed');
    expect(await problemOf(plainData({ v: 2, scenario: 'a/b', seed: 1, commands: [] }))).not.toBe('accepted');
  });

  it('reject an action on a node the scenario does not have', async () => {
    const data = await encodeShareState({ ...state, commands: [{ at: 10, crash: 'n9' }] });
    const problem = await problemOf(data);
    expect(problem).toContain('commands[0]');
    expect(problem).toContain('n9');
  });

  it('cap nesting depth, string length, action count and unpacked size', async () => {
    // JSON.stringify cannot even build this, so the JSON is written out by hand.
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const deepOptions = `{"v":1,"scenario":"quorum/basic","seed":1,"commands":[{"at":1,"client":{"node":"n1","op":"write","options":${deep}}}]}`;
    expect(await problemOf(await packJson(deepOptions))).toMatch(/nests deeper than 8 levels/);

    const hugeValue = {
      at: 1,
      client: { client: 'you', node: 'n1', op: 'write', key: 'k', value: 'x'.repeat(1_400_000) },
    };
    expect(await problemOf(await encodeShareState({ ...state, commands: [hugeValue] }))).toMatch(
      /unpacks to more than/,
    );
    const longValue = {
      at: 1,
      client: { client: 'you', node: 'n1', op: 'write', key: 'k', value: 'x'.repeat(5_000) },
    };
    expect(await problemOf(await encodeShareState({ ...state, commands: [longValue] }))).toMatch(
      /longer than 200 characters/,
    );

    const tooMany = await encodeShareState({ ...state, commands: longSession(shareLimits.maxActions + 1) });
    expect(await problemOf(tooMany)).toMatch(/at most 1000 actions/);
  });

  it('refuse a link made for another scenario', async () => {
    const hash = `#${shareParam('demo')}=${await encodeShareState({ ...state, scenario: 'raft/basic' })}`;
    expect(await readShareLink({ search: '', hash }, 'demo', 'quorum/basic', nodeIds)).toEqual({
      ok: false,
      problem: 'The link is for the simulation "raft/basic", not "quorum/basic".',
    });
  });

  it('go back to the default run by dropping the embed’s state and the fragment', () => {
    expect(withoutShareState('https://course.test/lessons/q?sim-demo=abc&x=1#sim-demo=c1.xyz', 'demo')).toBe(
      'https://course.test/lessons/q?x=1',
    );
  });
});
