import { describe, expect, it } from 'vitest';
import { nextSpeed, shortcutFor, type FocusKind, type KeyPress } from './keyboard';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});
const on = (focus: FocusKind, key: string, modifiers?: Partial<KeyPress>) =>
  shortcutFor(press(key, modifiers), focus);

describe('shortcutFor', () => {
  it('maps the documented keys', () => {
    expect(on('other', ' ')).toBe('togglePlay');
    expect(on('other', 'k')).toBe('togglePlay');
    expect(on('other', 'ArrowRight')).toBe('step');
    expect(on('other', 'ArrowRight', { shiftKey: true })).toBe('scrubForward');
    expect(on('other', 'ArrowLeft', { shiftKey: true })).toBe('scrubBack');
    expect(on('other', 'Home')).toBe('toStart');
    expect(on('other', 'End')).toBe('toEnd');
    expect(on('other', '+')).toBe('faster');
    expect(on('other', '-')).toBe('slower');
    expect(on('other', 'r')).toBe('reset');
    expect(on('other', '?')).toBe('help');
  });

  it('leaves typing, slider arrows and button activation to the focused control', () => {
    expect(on('text', ' ')).toBeNull();
    expect(on('text', 'r')).toBeNull();
    expect(on('slider', 'ArrowRight')).toBeNull();
    expect(on('slider', ' ')).toBe('togglePlay');
    expect(on('button', ' ')).toBeNull();
    expect(on('button', 'Enter')).toBeNull();
    expect(on('button', 'ArrowRight')).toBe('step');
  });

  it('ignores browser shortcuts but always lets Escape close things', () => {
    expect(on('other', 'r', { ctrlKey: true })).toBeNull();
    expect(on('other', 'ArrowRight', { altKey: true })).toBeNull();
    expect(on('text', 'Escape')).toBe('close');
  });
});

describe('nextSpeed', () => {
  it('walks a 1-2-5 ladder between 0.1× and 100×', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(2, 1)).toBe(5);
    expect(nextSpeed(3, -1)).toBe(2);
    expect(nextSpeed(100, 1)).toBe(100);
    expect(nextSpeed(0.1, -1)).toBe(0.1);
  });
});
