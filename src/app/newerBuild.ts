/**
 * After a redeploy, the hashed chunks an open tab asks for are gone, and many hosts answer a missing file
 * with the course's index.html and status 200: the import fails however often it is retried. The sign of
 * that is an index.html on the server whose entry script differs from the one this page runs.
 */
export async function servedBuildIsNewer(): Promise<boolean> {
  const running = entryScript(document, document.baseURI);
  if (!running) return false;
  try {
    const response = await fetch(new URL(`${import.meta.env.BASE_URL}index.html`, document.baseURI), {
      cache: 'no-store',
    });
    if (!response.ok) return false;
    const served = new DOMParser().parseFromString(await response.text(), 'text/html');
    const servedEntry = entryScript(served, response.url);
    return servedEntry !== null && servedEntry !== running;
  } catch {
    // Offline or unreachable: that is a connection problem, not a new build.
    return false;
  }
}

function entryScript(page: Document, baseUrl: string): string | null {
  const src = page.querySelector('script[type="module"][src]')?.getAttribute('src');
  return src ? new URL(src, baseUrl).href : null;
}
