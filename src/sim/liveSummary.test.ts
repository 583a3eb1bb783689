import { describe, expect, it } from 'vitest';
import type { Note } from '../engine/core/world';
import { announcementText, newNotes } from './liveSummary';

const note = (at: number, text: string, node: string | null = null): Note => ({ at, node, text });

describe('newNotes', () => {
  const a = note(10, 'n1 crashed', 'n1');
  const b = note(20, 'n2 became leader in term 2', 'n2');
  const c = note(20, 'network healed');

  it('returns the notes after the last one seen, even when the window has moved on', () => {
    expect(newNotes([a], [a, b, c])).toEqual([b, c]);
    expect(newNotes([a, b], [b, c])).toEqual([c]);
    expect(newNotes([], [a])).toEqual([a]);
  });

  it('finds nothing new when the same frame comes twice or time went back', () => {
    expect(newNotes([a, b], [a, b])).toEqual([]);
    expect(newNotes([a, b, c], [a])).toEqual([]);
  });
});

describe('announcementText', () => {
  it('reads notes as sentences', () => {
    expect(announcementText([note(1, 'n1 crashed'), note(2, 'n2 became leader in term 2')])).toBe(
      'n1 crashed. n2 became leader in term 2.',
    );
  });

  it('keeps the latest three and counts the rest', () => {
    const notes = [1, 2, 3, 4, 5].map((i) => note(i, `event ${i}`));
    expect(announcementText(notes)).toBe('2 earlier events, then: event 3. event 4. event 5.');
  });

  it('is empty for no notes', () => {
    expect(announcementText([])).toBe('');
  });
});
