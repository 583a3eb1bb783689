/**
 * The live text summary: significant events (the frame's notes) read out by screen readers through a
 * polite live region. Notes arrive at animation rate, so they are batched and announced at most once
 * per interval, with a count of what was left out.
 */
import type { Note } from '../engine/core/world';

export const announceIntervalMs = 2000;
const maxNotesPerAnnouncement = 3;

const sameNote = (a: Note, b: Note) => a.at === b.at && a.text === b.text && a.node === b.node;

/**
 * Notes in `notes` that come after the last note of `previous`. Both are windows on the same growing list
 * (the frame keeps the latest few hundred), so the new ones follow the last note seen. When time went
 * backwards (scrubbing), nothing is new.
 */
export function newNotes(previous: readonly Note[], notes: readonly Note[]): Note[] {
  const last = previous[previous.length - 1];
  if (!last) return [...notes];
  for (let index = notes.length - 1; index >= 0; index--) {
    if (sameNote(notes[index]!, last)) return notes.slice(index + 1);
  }
  const lastTime = last.at;
  return notes.filter((note) => note.at > lastTime);
}

/** One announcement for a batch of notes: the latest few in order, and how many more there were. */
export function announcementText(notes: readonly Note[]): string {
  if (notes.length === 0) return '';
  const shown = notes.slice(-maxNotesPerAnnouncement).map((note) => sentence(note.text));
  const hidden = notes.length - shown.length;
  return `${hidden > 0 ? `${hidden} earlier event${hidden === 1 ? '' : 's'}, then: ` : ''}${shown.join(' ')}`;
}

function sentence(text: string): string {
  // Not capitalised: notes often start with a node id ("n2 became leader"), which is lower case.
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
