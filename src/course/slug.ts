/**
 * Turns heading or term text into a URL fragment: lowercase words joined by hyphens.
 * "Why distribute a database?" → "why-distribute-a-database"
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Hands out slugs that are unique within one page: the second "Summary" becomes "summary-2".
 * Slugs listed in `reserved` are never handed out, so page chrome can own fixed ids.
 */
export function createSlugger(reserved: readonly string[] = []): (text: string) => string {
  const taken = new Set(reserved);
  return (text) => {
    const base = slugify(text) || 'section';
    let slug = base;
    for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  };
}
