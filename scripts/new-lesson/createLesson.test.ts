import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLessons } from '../lessons-check/checkLessons.ts';
import { createLesson } from './createLesson.ts';

const root = path.resolve(import.meta.dirname, '../..');
const folders: string[] = [];

/** A lessons folder holding a copy of one real lesson. Under node_modules when it must build (imports resolve). */
function lessonsFolder(parent = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(path.join(parent, 'lessons-'));
  folders.push(folder);
  cpSync(path.join(root, 'lessons/02-replication.mdx'), path.join(folder, '02-replication.mdx'));
  return folder;
}

function checkFolder(folder: string) {
  const lessons = readdirSync(folder).map((name) => ({
    file: name,
    source: readFileSync(path.join(folder, name), 'utf8'),
  }));
  return checkLessons(lessons, { publicFileExists: () => false });
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('npm run new-lesson', () => {
  it('creates the next lesson from the title, and the new lesson passes lessons:check', () => {
    const folder = lessonsFolder();
    expect(createLesson('  Leader election  ', folder)).toEqual({
      ok: true,
      file: path.join(folder, '03-leader-election.mdx'),
      id: 'leader-election',
      order: 3,
    });
    const source = readFileSync(path.join(folder, '03-leader-election.mdx'), 'utf8');
    expect(source).toMatch(/^---\nid: leader-election\ntitle: Leader election\norder: 3\n/);
    expect(source).toContain('<Simulation\n  scenario="broadcast/basic"');
    expect(source.match(/<Question/g)).toHaveLength(3);
    expect(checkFolder(folder)).toEqual([]);
  });

  it('places the lesson before the final test, which moves on one place with its links', () => {
    const folder = lessonsFolder();
    cpSync(path.join(root, 'lessons/08-final-test.mdx'), path.join(folder, '03-final-test.mdx'));
    const finalSource = readFileSync(path.join(folder, '03-final-test.mdx'), 'utf8');
    // Its questions point at sections of lessons this folder does not hold; point them at its own instead.
    const ownSections = finalSource.replace(/section="[a-z0-9-]+#[^"]*"/g, 'section="before-you-start"');
    writeFileSync(path.join(folder, '03-final-test.mdx'), ownSections.replace(/^order: \d+$/m, 'order: 3'));
    const replication = readFileSync(path.join(folder, '02-replication.mdx'), 'utf8');
    writeFileSync(
      path.join(folder, '02-replication.mdx'),
      `${replication}\nWhen you are ready, take [the final test](03-final-test.mdx).\n`,
    );

    expect(createLesson('Leader leases', folder)).toMatchObject({
      ok: true,
      file: path.join(folder, '03-leader-leases.mdx'),
      order: 3,
      movedFinal: {
        from: path.join(folder, '03-final-test.mdx'),
        to: path.join(folder, '04-final-test.mdx'),
      },
    });
    expect(readdirSync(folder).sort()).toEqual([
      '02-replication.mdx',
      '03-leader-leases.mdx',
      '04-final-test.mdx',
    ]);
    expect(readFileSync(path.join(folder, '04-final-test.mdx'), 'utf8')).toMatch(/^order: 4$/m);
    expect(readFileSync(path.join(folder, '02-replication.mdx'), 'utf8')).toContain('](04-final-test.mdx)');
    expect(checkFolder(folder)).toEqual([]);
  });

  it('on a copy of the real course, `npm run new-lesson -- "Leader leases"` then `npm run lessons:check` pass', async () => {
    const course = mkdtempSync(path.join(tmpdir(), 'course-'));
    folders.push(course);
    cpSync(path.join(root, 'lessons'), path.join(course, 'lessons'), { recursive: true });
    cpSync(path.join(root, 'public'), path.join(course, 'public'), { recursive: true });
    const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
    const run = (script: string, args: string[]) =>
      promisify(execFile)(process.execPath, [tsx, path.join(root, 'scripts', script), ...args], {
        cwd: course,
        env: { ...process.env, COURSE_LESSONS_DIR: '' },
      });
    const before = readdirSync(path.join(course, 'lessons')).length;

    const created = await run('new-lesson.ts', ['Leader leases']);
    expect(created.stdout).toMatch(/Created lessons\/\d\d-leader-leases\.mdx/);
    const checked = await run('lessons-check.ts', []);
    expect(checked.stdout).toBe(`${before + 1} lessons checked: no problems\n`);
    const files = readdirSync(path.join(course, 'lessons')).sort();
    expect(files.at(-1), 'the final test is still the last file').toMatch(/-final-test\.mdx$/);
    expect(files.at(-2)).toMatch(/-leader-leases\.mdx$/);
  }, 120_000);

  it('refuses a title whose lesson exists, by id or by file, and changes nothing', () => {
    const folder = lessonsFolder();
    expect(createLesson('Replication', folder)).toEqual({
      ok: false,
      reason: 'exists',
      error: `a lesson for "replication" already exists: ${path.relative(process.cwd(), path.join(folder, '02-replication.mdx'))}. Choose another title, or edit that lesson`,
    });
    writeFileSync(path.join(folder, '07-sharding.mdx'), 'unreadable, but named like a lesson');
    expect(createLesson('Sharding', folder)).toMatchObject({ ok: false, reason: 'exists' });
    expect(readFileSync(path.join(folder, '07-sharding.mdx'), 'utf8')).toBe(
      'unreadable, but named like a lesson',
    );
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it.each(['', '   ', '???', '—'])('refuses the title %j', (title) => {
    expect(createLesson(title, lessonsFolder())).toMatchObject({ ok: false, reason: 'bad-title' });
  });

  it('builds: vite build with the new lessons folder lists the lesson and gives it its own chunk', async () => {
    const folder = lessonsFolder(path.join(root, 'node_modules/.cache/new-lesson-test'));
    const created = createLesson('Leader election', folder);
    expect(created.ok).toBe(true);
    const outDir = path.join(folder, 'dist');
    await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--logLevel', 'error'],
      { cwd: root, env: { ...process.env, COURSE_LESSONS_DIR: folder } },
    );
    const assets = readdirSync(path.join(outDir, 'assets'));
    expect(assets.some((name) => /^03-leader-election-.*\.js$/.test(name))).toBe(true);
    const lessonIndex = assets
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(path.join(outDir, 'assets', name), 'utf8'))
      .find(
        (code) => code.includes('Replication: leaders and followers') && code.includes('Leader election'),
      );
    expect(lessonIndex, 'one bundle (the lesson index) lists both lessons').toMatch(
      /id:\s*["'`]leader-election["'`]/,
    );
  }, 180_000);
});
