/** Creates a lesson file from the template: the next order, an id from the title, never overwriting. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lessonFrontmatterSchema } from '../../src/course/frontmatter.ts';
import { frontmatterBlock } from '../../src/course/lessonIndex.ts';
import { slugify } from '../../src/course/slug.ts';
import { lessonTemplate } from './template.ts';

export type Created =
  | { ok: true; file: string; id: string; order: number }
  | { ok: false; reason: 'bad-title' | 'exists' | 'no-folder'; error: string };

interface ExistingLesson {
  name: string;
  id?: string;
  order?: number;
}

export function createLesson(title: string, lessonsDir: string): Created {
  const trimmed = title.trim();
  const id = slugify(trimmed);
  if (!lessonFrontmatterSchema.shape.id.safeParse(id).success) {
    const error = `the title needs letters or digits to make a lesson id from (got "${title}")`;
    return { ok: false, reason: 'bad-title', error };
  }
  if (!existsSync(lessonsDir))
    return { ok: false, reason: 'no-folder', error: `there is no lessons folder at ${shown(lessonsDir)}` };

  const existing = readExisting(lessonsDir);
  const sameId = existing.find(
    (lesson) => lesson.id === id || lesson.name.replace(/^\d+-/, '') === `${id}.mdx`,
  );
  if (sameId) {
    return {
      ok: false,
      reason: 'exists',
      error: `a lesson for "${id}" already exists: ${shown(path.join(lessonsDir, sameId.name))}. Choose another title, or edit that lesson`,
    };
  }
  const order = Math.max(0, ...existing.map((lesson) => lesson.order ?? 0)) + 1;
  const file = path.join(lessonsDir, `${String(order).padStart(2, '0')}-${id}.mdx`);
  if (existsSync(file))
    return { ok: false, reason: 'exists', error: `${shown(file)} already exists; it was not changed` };

  writeFileSync(file, lessonTemplate({ id, title: trimmed, order }), { flag: 'wx' });
  return { ok: true, file, id, order };
}

const shown = (file: string) => path.relative(process.cwd(), file);

/** Each lesson's id and order from its frontmatter; when that cannot be read, the order from its file name. */
function readExisting(lessonsDir: string): ExistingLesson[] {
  return readdirSync(lessonsDir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const fromName = Number(/^(\d+)-/.exec(name)?.[1] ?? Number.NaN);
      let data: { id?: unknown; order?: unknown } = {};
      try {
        const block = frontmatterBlock.exec(readFileSync(path.join(lessonsDir, name), 'utf8'));
        data = (block && parseYaml(block[1] ?? '')) ?? {};
      } catch {
        // Unreadable frontmatter: lessons:check reports it; the file name still tells the order.
      }
      return {
        name,
        id: typeof data.id === 'string' ? data.id : undefined,
        order: typeof data.order === 'number' ? data.order : Number.isFinite(fromName) ? fromName : undefined,
      };
    });
}
