import { describe, expect, it } from 'vitest';
import { messagePoint, messageProgress, messageTrack, nearestPoint } from './geometry';

describe('messageProgress', () => {
  it('is 0 at send time, 1 at delivery and linear between', () => {
    expect(messageProgress(100, 200, 100)).toBe(0);
    expect(messageProgress(100, 200, 150)).toBe(0.5);
    expect(messageProgress(100, 200, 200)).toBe(1);
  });

  it('clamps before sending and after delivery, so a scrubbed frame never draws a message off its link', () => {
    expect(messageProgress(100, 200, 40)).toBe(0);
    expect(messageProgress(100, 200, 900)).toBe(1);
  });

  it('treats a zero-length trip as a jump at delivery time', () => {
    expect(messageProgress(50, 50, 49)).toBe(0);
    expect(messageProgress(50, 50, 50)).toBe(1);
  });

  it('depends only on (sentAt, deliverAt, now): the same instant always gives the same position', () => {
    const from = { x: 0, y: 0 };
    const to = { x: 100, y: 0 };
    const message = { sentAt: 10, deliverAt: 30 };
    const forward = [10, 15, 20, 25, 30].map((now) => messagePoint(from, to, message, now));
    const backward = [30, 25, 20, 15, 10].map((now) => messagePoint(from, to, message, now)).reverse();
    expect(forward).toEqual(backward);
    expect(forward.map((point) => point.x)).toEqual([0, 25, 50, 75, 100]);
  });
});

describe('messageTrack', () => {
  it('starts and ends at the node edges', () => {
    const [start, end] = messageTrack({ x: 0, y: 0 }, { x: 100, y: 0 }, 10, 0);
    expect(start).toEqual({ x: 10, y: 0 });
    expect(end).toEqual({ x: 90, y: 0 });
  });

  it('puts the two directions of a link on opposite sides of it', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 100, y: 0 };
    const [ab] = messageTrack(a, b, 0, 4);
    const [ba] = messageTrack(b, a, 0, 4);
    expect(ab.y).toBe(4);
    expect(ba.y).toBe(-4);
  });
});

describe('nearestPoint', () => {
  it('finds the closest point within reach, or none', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 20, y: 0 },
    ];
    expect(nearestPoint(points, { x: 12, y: 1 }, 5)).toBe(1);
    expect(nearestPoint(points, { x: 50, y: 50 }, 5)).toBe(-1);
  });
});
