/**
 * Creates a lesson file from the template: an id from the title, never overwriting. The new lesson goes after
 * every other lesson but before the final test, which moves one place on (order and file name) when needed.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lessonFrontmatterSchema } from '../../src/course/frontmatter.ts';
import { frontmatterBlock } from '../../src/course/lessonIndex.ts';
import { slugify } from '../../src/course/slug.ts';
import { lessonTemplate } from './template.ts';

export type Created =
  | { ok: true; file: string; id: string; order: number; movedFinal?: { from: string; to: string } }
  | { ok: false; reason: 'bad-title' | 'exists' | 'no-folder'; error: string };

interface ExistingLesson {
  name: string;
  id?: string;
  order?: number;
  final: boolean;
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
  const finalTest = existing.find((lesson) => lesson.final);
  const others = existing.filter((lesson) => lesson !== finalTest);
  const order = Math.max(0, ...others.map((lesson) => lesson.order ?? 0)) + 1;
  const file = path.join(lessonsDir, lessonFileName(order, id));
  if (existsSync(file))
    return { ok: false, reason: 'exists', error: `${shown(file)} already exists; it was not changed` };

  const movedFinal =
    finalTest && (finalTest.order ?? 0) <= order ? moveLesson(lessonsDir, finalTest, order + 1) : undefined;
  if (movedFinal && 'error' in movedFinal) return { ok: false, reason: 'exists', error: movedFinal.error };
  writeFileSync(file, lessonTemplate({ id, title: trimmed, order }), { flag: 'wx' });
  return { ok: true, file, id, order, ...(movedFinal ? { movedFinal } : {}) };
}

const lessonFileName = (order: number, id: string) => `${String(order).padStart(2, '0')}-${id}.mdx`;

/**
 * Gives a lesson a new order: rewrites `order:` in its frontmatter, renames an `NN-` file to the new number and
 * updates links to the old file name in the other lessons.
 */
function moveLesson(
  lessonsDir: string,
  lesson: ExistingLesson,
  order: number,
): { from: string; to: string } | { error: string } {
  const from = path.join(lessonsDir, lesson.name);
  const toName = /^\d+-/.test(lesson.name)
    ? `${String(order).padStart(2, '0')}-${lesson.name.replace(/^\d+-/, '')}`
    : lesson.name;
  const to = path.join(lessonsDir, toName);
  if (to !== from && existsSync(to))
    return { error: `${shown(to)} already exists, so the final test cannot move to order ${order}` };

  const source = readFileSync(from, 'utf8');
  const block = frontmatterBlock.exec(source);
  const reordered = block?.[1]?.replace(/^order:.*$/m, `order: ${order}`);
  if (!block || reordered === undefined || reordered === block[1])
    return {
      error: `could not find "order:" in the frontmatter of ${shown(from)}; give it one and try again`,
    };
  writeFileSync(from, source.replace(block[1]!, reordered));
  if (to === from) return { from, to };

  renameSync(from, to);
  for (const other of readdirSync(lessonsDir).filter((name) => name.endsWith('.mdx') && name !== toName)) {
    const otherFile = path.join(lessonsDir, other);
    const text = readFileSync(otherFile, 'utf8');
    const relinked = text
      .replaceAll(`](${lesson.name}`, `](${toName}`)
      .replaceAll(`](./${lesson.name}`, `](./${toName}`);
    if (relinked !== text) writeFileSync(otherFile, relinked);
  }
  return { from, to };
}

const shown = (file: string) => path.relative(process.cwd(), file);

/** Each lesson's id, order and final flag from its frontmatter; when that cannot be read, the order from its file name. */
function readExisting(lessonsDir: string): ExistingLesson[] {
  return readdirSync(lessonsDir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const fromName = Number(/^(\d+)-/.exec(name)?.[1] ?? Number.NaN);
      let data: { id?: unknown; order?: unknown; final?: unknown } = {};
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
        final: data.final === true,
      };
    });
}
