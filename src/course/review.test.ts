import { describe, expect, it } from 'vitest';
import {
  addDays,
  dueItems,
  localDate,
  scheduleAfterReview,
  scheduleMissed,
  type ReviewItem,
} from './review.ts';

describe('spaced review', () => {
  it('brings a missed question back after 1, 3, 7 and 21 days while it is answered right, then retires it', () => {
    let item: ReviewItem | undefined = scheduleMissed('replication', 'replication-lag', '2026-03-01');
    const dueDates = [item.dueOn];
    for (let review = 0; item; review += 1) {
      item = scheduleAfterReview(item, true, item.dueOn);
      if (item) dueDates.push(item.dueOn);
    }
    expect(dueDates).toEqual(['2026-03-02', '2026-03-05', '2026-03-12', '2026-04-02']);
  });

  it('starts over at 1 day when a review answer is wrong', () => {
    const item = { lessonId: 'l', questionId: 'q', step: 2, dueOn: '2026-03-12' };
    expect(scheduleAfterReview(item, false, '2026-03-14')).toEqual({ ...item, step: 0, dueOn: '2026-03-15' });
  });

  it('counts calendar days in local time, across month ends and daylight-saving changes', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-28', 3)).toBe('2026-03-31');
    expect(addDays('2026-10-24', 7)).toBe('2026-10-31');
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDate(new Date(2026, 0, 6, 0, 1))).toBe('2026-01-06');
  });

  it('lists what is due today or overdue, the longest overdue first', () => {
    const items = {
      a: { lessonId: 'l', questionId: 'a', step: 0, dueOn: '2026-03-03' },
      b: { lessonId: 'l', questionId: 'b', step: 1, dueOn: '2026-03-01' },
      c: { lessonId: 'l', questionId: 'c', step: 0, dueOn: '2026-03-04' },
    };
    expect(dueItems(items, '2026-03-03').map((item) => item.questionId)).toEqual(['b', 'a']);
  });
});
