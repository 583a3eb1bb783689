/**
 * Instructor preview unlocks every lesson. It is off for students. Turn it on with `?preview=instructor`
 * (remembered for the browser tab) or by building with VITE_INSTRUCTOR_PREVIEW=1; `?preview=off` or the
 * banner's button turns it off for the tab.
 */
export type PreviewChoice = 'on' | 'off';

export const previewQueryParam = 'preview';

/** Reads `?preview=instructor` / `?preview=off` from a URL query string. */
export function previewChoiceFromQuery(search: string): PreviewChoice | undefined {
  const value = new URLSearchParams(search).get(previewQueryParam);
  if (value === 'instructor') return 'on';
  if (value === 'off') return 'off';
  return undefined;
}

/** The URL wins over what the tab remembered, which wins over the build-time default. */
export function resolvePreview(
  fromUrl: PreviewChoice | undefined,
  remembered: PreviewChoice | undefined,
  enabledAtBuild: boolean,
): boolean {
  const choice = fromUrl ?? remembered;
  return choice ? choice === 'on' : enabledAtBuild;
}
