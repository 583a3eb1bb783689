import { describe, expect, it } from 'vitest';
import type { NumericQuestionSpec } from '../course/quizSpec.ts';
import { isAboutARun, pooledQuestions, type LessonPool } from './pools.ts';

const written: NumericQuestionSpec = {
  id: 'lag',
  prompt: 'How many entries behind?',
  section: 'replication-lag',
  kind: 'numeric',
  answer: 3,
  tolerance: 0,
};
const aboutTheRun: NumericQuestionSpec = {
  ...written,
  id: 'lost-writes',
  answer: Number.NaN,
  run: { for: 'durability', measure: 'acknowledged-writes-lost', at: 'end' },
};
const replication: LessonPool = {
  lessonId: 'replication',
  questions: [written, aboutTheRun],
  tableOfContents: [],
};

describe('questions about a run', () => {
  it('are asked on their own lesson’s page, where the simulation is', () => {
    expect(pooledQuestions('replication', [replication]).map((entry) => entry.key)).toEqual([
      'lag',
      'lost-writes',
    ]);
  });

  it('are left out of the final test and Review, which have no simulation to run', () => {
    expect(pooledQuestions('final-test', [replication]).map((entry) => entry.key)).toEqual([
      'replication/lag',
    ]);
    expect(pooledQuestions('review', [replication]).map((entry) => entry.key)).toEqual(['replication/lag']);
    expect([isAboutARun(written), isAboutARun(aboutTheRun)]).toEqual([false, true]);
  });
});
