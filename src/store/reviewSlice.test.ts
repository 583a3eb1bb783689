import { describe, expect, it } from 'vitest';
import { emptyReview, mergeReview, type ReviewData } from './reviewSlice.ts';

const item = (questionId: string, dueOn: string, step = 0) => ({
  lessonId: 'replication',
  questionId,
  step,
  dueOn,
});

describe('mergeReview (progress saved by two tabs)', () => {
  it("keeps both tabs' new draws and missed questions, and this tab's review answers", () => {
    const base: ReviewData = {
      lastDraws: { introduction: ['a', 'b'] },
      items: { 'replication/lag': item('lag', '2026-03-02'), 'replication/sync': item('sync', '2026-03-02') },
    };
    const local: ReviewData = {
      lastDraws: { introduction: ['c', 'd'] },
      // Answered right in review here: moved on to 3 days; `sync` retired after its last interval.
      items: { 'replication/lag': item('lag', '2026-03-05', 1) },
    };
    const stored: ReviewData = {
      lastDraws: { introduction: ['a', 'b'], replication: ['x', 'y'] },
      items: { ...base.items, 'replication/quorum': item('quorum', '2026-03-03') },
    };
    expect(mergeReview(base, local, stored)).toEqual({
      lastDraws: { introduction: ['c', 'd'], replication: ['x', 'y'] },
      items: {
        'replication/lag': item('lag', '2026-03-05', 1),
        'replication/quorum': item('quorum', '2026-03-03'),
      },
    });
  });

  it('reads progress saved before review existed as empty', () => {
    expect(mergeReview(undefined, emptyReview, undefined)).toEqual(emptyReview);
  });
});
