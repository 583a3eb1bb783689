import { describe, expect, it } from 'vitest';
import { describeActions, readStudentActions, studentCommands } from './studentActions';

describe('student actions a run-bound question asks for', () => {
  it('reads a list of requests, and says how to write one that is wrong', () => {
    expect(readStudentActions([{ send: 'write', to: 'n2' }], '<Question>')).toEqual({
      ok: true,
      actions: [{ send: 'write', to: 'n2' }],
    });
    const wrong = readStudentActions([{ send: 'delete', to: 'n2' }], '<Question id="q">');
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.problems[0]).toContain('actions[0] must say what to send and to which node');
    expect(readStudentActions([], '<Question>').ok).toBe(false);
  });

  it('tells the student what to send, in order', () => {
    expect(
      describeActions([
        { send: 'write', to: 'ap-northeast' },
        { send: 'read', to: 'us-east' },
      ]),
    ).toBe('send a write to ap-northeast, then a read to us-east');
  });

  it('replays them as the client panel sends them: one client per node, the default key unless given', () => {
    expect(
      studentCommands(
        [
          { send: 'write', to: 'n2' },
          { send: 'read', to: 'n3', key: 'y' },
        ],
        [2000, 3000],
        'x',
      ),
    ).toEqual([
      { at: 2000, client: { client: 'you@n2', node: 'n2', op: 'write', key: 'x' } },
      { at: 3000, client: { client: 'you@n3', node: 'n3', op: 'read', key: 'y' } },
    ]);
  });
});
