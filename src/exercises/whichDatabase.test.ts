import { describe, expect, it } from 'vitest';
import {
  databaseFamilies,
  databaseScenarios,
  feedbackFor,
  scoreOf,
  withAnswer,
  type FamilyId,
} from './whichDatabase';

describe('the "Which database?" scenarios', () => {
  it('pair the eight applications of the source decision game with its families', () => {
    expect(Object.fromEntries(databaseScenarios.map((scenario) => [scenario.id, scenario.best]))).toEqual({
      'global-shop': 'distributed-sql',
      'social-feed': 'nosql',
      'live-analytics': 'nosql',
      trading: 'distributed-sql',
      iot: 'nosql',
      saas: 'sharded-sql',
      cms: 'documents',
      leaderboard: 'nosql',
    });
  });

  it('give a reason for the best family and, for every other family, why it fits less well', () => {
    for (const scenario of databaseScenarios) {
      expect(scenario.reason.length, scenario.id).toBeGreaterThan(40);
      const others = databaseFamilies.map((family) => family.id).filter((id) => id !== scenario.best);
      expect(Object.keys(scenario.weaker).sort(), scenario.id).toEqual([...others].sort());
      for (const id of others)
        expect(scenario.weaker[id]!.length, `${scenario.id} / ${id}`).toBeGreaterThan(30);
    }
  });
});

describe('feedback and score', () => {
  const [shop] = databaseScenarios;

  it('confirms a right choice with the reason, and explains a wrong one before giving the reason', () => {
    expect(feedbackFor(shop!, 'distributed-sql')).toEqual({
      correct: true,
      best: databaseFamilies[0],
      reason: shop!.reason,
      whyNotChosen: null,
    });
    const wrong = feedbackFor(shop!, 'nosql');
    expect(wrong.correct).toBe(false);
    expect(wrong.best.name).toBe('Distributed SQL');
    expect(wrong.whyNotChosen).toMatch(/last item in stock/);
  });

  it('counts the first answer to each scenario only', () => {
    let answers = withAnswer({}, 'global-shop', 'nosql');
    answers = withAnswer(answers, 'global-shop', 'distributed-sql');
    answers = withAnswer(answers, 'cms', 'documents');
    expect(answers).toEqual({ 'global-shop': 'nosql', cms: 'documents' });
    expect(scoreOf(answers)).toEqual({ correct: 1, answered: 2, total: 8 });
    const allBest = Object.fromEntries(
      databaseScenarios.map((scenario) => [scenario.id, scenario.best as FamilyId]),
    );
    expect(scoreOf(allBest)).toEqual({ correct: 8, answered: 8, total: 8 });
  });
});
