import { describe, expect, it } from 'vitest';
import { checkChallenges } from './challenges.ts';
import { parseLesson } from './parse.ts';

function problemsOf(source: string, lessonId: string, sections: string[] = []) {
  const parsed = parseLesson(source);
  if (!parsed.ok) throw new Error('the fixture does not parse');
  return checkChallenges(parsed.tree, lessonId, sections).map(({ message, fix }) => ({ message, fix }));
}

describe('<Challenge> in lessons', () => {
  it('accepts a known challenge in its own lesson', () => {
    expect(problemsOf('<Challenge id="stale-read-one-way" />\n', 'consistency-and-cap')).toEqual([]);
  });

  it('names a misspelt id with the likely one, and a challenge placed in the wrong lesson', () => {
    expect(problemsOf('<Challenge id="stale-read-one" />\n', 'consistency-and-cap')).toEqual([
      {
        message: '<Challenge id="stale-read-one"> names no challenge',
        fix: 'did you mean "stale-read-one-way"?',
      },
    ]);
    expect(problemsOf('<Challenge id="stale-read-one-way" />\n', 'replication')[0]?.message).toBe(
      'challenge "stale-read-one-way" belongs to the lesson "consistency-and-cap", not "replication"',
    );
  });

  it('an impossible challenge must point to a section of its lesson', () => {
    expect(
      problemsOf('<Challenge id="two-raft-leaders" />\n', 'failover-and-consensus', ['split-brain']),
    ).toEqual([
      {
        message:
          'challenge "two-raft-leaders" explains itself with the section #raft-electing-a-leader, which this lesson does not have',
        fix: 'use one of: split-brain',
      },
    ]);
  });
});
