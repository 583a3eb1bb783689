import { describe, expect, it } from 'vitest';
import { followPaceOf } from '../../worker/api';
import { paceText } from './Toolbar';

describe('the speed control says what one second of the student’s time shows', () => {
  it('slowed while messages fly: Raft’s 1+4 ms network shows 10 ms a second at 1×, and 1 s otherwise', () => {
    const pace = followPaceOf({ minMs: 1, meanMs: 4 });
    expect(pace).toBeCloseTo(0.01);
    expect(paceText(1, pace)).toBe('1 s shows 10 ms while messages fly, 1.00 s otherwise');
    expect(paceText(10, pace)).toBe('1 s shows 100 ms while messages fly, 10.00 s otherwise');
  });

  it('never faster than real time: a slow WAN needs no slow motion', () => {
    expect(followPaceOf({ minMs: 300, meanMs: 400 })).toBe(1);
    expect(paceText(2, 1)).toBe('1 s shows 2.00 s');
  });
});
