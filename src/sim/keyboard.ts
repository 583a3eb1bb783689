/**
 * Keyboard shortcuts of an embed, active while focus is inside it. Keys that the focused control uses
 * itself (typing in a field, arrows on a slider, Space on a button) are left to that control.
 */
export type Shortcut =
  | 'togglePlay'
  | 'step'
  | 'scrubBack'
  | 'scrubForward'
  | 'toStart'
  | 'toEnd'
  | 'slower'
  | 'faster'
  | 'reset'
  | 'help'
  | 'close';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** What kind of element has focus, as far as shortcuts care. */
export type FocusKind = 'text' | 'slider' | 'button' | 'other';

export const shortcutList: { keys: string; does: string }[] = [
  { keys: 'Space or K', does: 'Play or pause' },
  { keys: '→', does: 'Step to the next event' },
  { keys: 'Shift + ← / →', does: 'Scrub back / forward (2% of the run)' },
  { keys: 'Home / End', does: 'Go to the start / the furthest point reached' },
  { keys: '- / +', does: 'Slower / faster' },
  { keys: 'R', does: 'Reset to the start, forgetting your actions' },
  { keys: '?', does: 'Show or hide this help' },
  { keys: 'Esc', does: 'Close a menu or popover, stop drawing a partition' },
  { keys: 'Arrows on nodes', does: 'Move between nodes; Enter opens a node’s actions' },
];

export function shortcutFor(press: KeyPress, focus: FocusKind): Shortcut | null {
  if (press.key === 'Escape') return 'close';
  if (focus === 'text' || press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = press.key;
  if (
    focus === 'slider' &&
    ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key)
  )
    return null;
  if (focus === 'button' && (key === ' ' || key === 'Enter')) return null;
  if (key === ' ' || key === 'k' || key === 'K') return 'togglePlay';
  if (key === 'ArrowRight') return press.shiftKey ? 'scrubForward' : 'step';
  if (key === 'ArrowLeft' && press.shiftKey) return 'scrubBack';
  if (key === 'Home') return 'toStart';
  if (key === 'End') return 'toEnd';
  if (key === '-' || key === '_') return 'slower';
  if (key === '+' || key === '=') return 'faster';
  if (key === 'r' || key === 'R') return 'reset';
  if (key === '?') return 'help';
  return null;
}

export function focusKindOf(element: Element | null): FocusKind {
  if (!element) return 'other';
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || (element as HTMLElement).isContentEditable) return 'text';
  if (tag === 'input') return (element as HTMLInputElement).type === 'range' ? 'slider' : 'text';
  if (
    tag === 'button' ||
    tag === 'summary' ||
    element.getAttribute('role') === 'button' ||
    element.getAttribute('role') === 'menuitem' ||
    element.getAttribute('role') === 'tab'
  )
    return 'button';
  return 'other';
}

/** Speed steps for the - / + keys, on the same log scale as the slider. */
export function nextSpeed(speed: number, direction: 1 | -1): number {
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];
  if (direction > 0) return steps.find((step) => step > speed + 1e-9) ?? 100;
  return [...steps].reverse().find((step) => step < speed - 1e-9) ?? 0.1;
}
