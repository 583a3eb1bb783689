import { describe, expect, it } from 'vitest';
import { previewChoiceFromQuery, resolvePreview } from './preview.ts';

describe('instructor preview', () => {
  it('reads the choice from the query string', () => {
    expect(previewChoiceFromQuery('?preview=instructor')).toBe('on');
    expect(previewChoiceFromQuery('?a=1&preview=off')).toBe('off');
    expect(previewChoiceFromQuery('?preview=yes')).toBeUndefined();
    expect(previewChoiceFromQuery('')).toBeUndefined();
  });

  it('is off for students, and the URL beats the tab, which beats the build flag', () => {
    expect(resolvePreview(undefined, undefined, false)).toBe(false);
    expect(resolvePreview(undefined, undefined, true)).toBe(true);
    expect(resolvePreview(undefined, 'on', false)).toBe(true);
    expect(resolvePreview(undefined, 'off', true)).toBe(false);
    expect(resolvePreview('on', 'off', false)).toBe(true);
    expect(resolvePreview('off', 'on', true)).toBe(false);
  });
});
