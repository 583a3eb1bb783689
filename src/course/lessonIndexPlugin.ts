import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { buildLessonIndex } from './lessonIndex.ts';
import { compileQuizPool } from './quizPoolModule.ts';

const lessonIndexModuleId = 'virtual:lesson-index';
const resolvedId = `\0${lessonIndexModuleId}`;
/**
 * `virtual:quiz-pool/<lesson file name without .mdx>`: one lesson's quiz questions alone (quizPoolModule.ts).
 * The id must not end in .mdx, or the MDX plugin would compile the already compiled module again.
 */
const quizPoolPrefix = 'virtual:quiz-pool/';

/**
 * Exposes `virtual:lesson-index`: the checked frontmatter of every lesson in course order (default export),
 * `loaders`, one dynamic import per lesson id, and `quizPools`, one dynamic import per lesson id of its
 * quiz questions alone (for the final test and the Review page, which ask questions from other lessons).
 *
 * The app needs every lesson's title and gating data up front, but each lesson's content must stay in its
 * own lazily loaded chunk. An eager `import.meta.glob` of the frontmatter would pull the whole lessons into
 * the main chunk, so this plugin reads the files itself. A lesson with bad frontmatter fails the build.
 * The lessons folder is an option (COURSE_LESSONS_DIR in vite.config.ts), so tests can build other lessons.
 */
export function lessonIndexPlugin(options: { lessonsDir?: string } = {}): Plugin {
  let root = process.cwd();
  let served: string | undefined;
  const lessonsDir = () => path.resolve(root, options.lessonsDir ?? 'lessons');
  const isLessonFile = (file: string) => path.dirname(file) === lessonsDir() && file.endsWith('.mdx');

  const lessonFiles = () =>
    readdirSync(lessonsDir())
      .filter((name) => name.endsWith('.mdx'))
      .sort()
      .map((name) => path.join(lessonsDir(), name));

  const renderModule = (files: readonly string[]) => {
    const lessons = buildLessonIndex(
      files.map((file) => ({
        file: path.relative(root, file).split(path.sep).join('/'),
        source: readFileSync(file, 'utf8'),
      })),
    );
    const loaders = lessons.map((lesson) => {
      const file = path.resolve(root, lesson.file).split(path.sep).join('/');
      return `  ${JSON.stringify(lesson.id)}: () => import(${JSON.stringify(file)}),`;
    });
    const quizPools = lessons
      .filter((lesson) => lesson.hasQuiz)
      .map((lesson) => {
        const poolId = `${quizPoolPrefix}${path.basename(lesson.file, '.mdx')}`;
        return `  ${JSON.stringify(lesson.id)}: () => import(${JSON.stringify(poolId)}),`;
      });
    return [
      `export default ${JSON.stringify(lessons)};`,
      `export const loaders = {\n${loaders.join('\n')}\n};`,
      `export const quizPools = {\n${quizPools.join('\n')}\n};\n`,
    ].join('\n');
  };

  return {
    name: 'course:lesson-index',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      if (id.startsWith(quizPoolPrefix)) return `\0${id}`;
      return id === lessonIndexModuleId ? resolvedId : undefined;
    },
    async load(id) {
      if (id.startsWith(`\0${quizPoolPrefix}`)) {
        const file = path.join(lessonsDir(), `${path.basename(id.slice(quizPoolPrefix.length + 1))}.mdx`);
        this.addWatchFile(file);
        return compileQuizPool(readFileSync(file, 'utf8'), file);
      }
      if (id !== resolvedId) return undefined;
      const files = lessonFiles();
      if (files.length === 0)
        throw new Error(`No lessons found: add .mdx files to ${path.relative(root, lessonsDir())}/`);
      for (const file of files) this.addWatchFile(file);
      served = renderModule(files);
      return served;
    },
    configureServer(server) {
      const reloadIndex = () => {
        const module = server.moduleGraph.getModuleById(resolvedId);
        if (module) server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      // Editing a lesson's text is left to hot module replacement; only a change to what the index holds
      // (frontmatter, a lesson added or removed) reloads the page. A broken index reloads too, so Vite
      // shows the frontmatter error in its overlay.
      const onChange = (file: string) => {
        if (!isLessonFile(file)) return;
        let next: string | undefined;
        try {
          next = renderModule(lessonFiles());
        } catch {
          next = undefined;
        }
        if (next === undefined || next !== served) reloadIndex();
      };
      const onAddOrRemove = (file: string) => {
        if (isLessonFile(file)) reloadIndex();
      };
      server.watcher.add(lessonsDir());
      server.watcher.on('add', onAddOrRemove);
      server.watcher.on('unlink', onAddOrRemove);
      server.watcher.on('change', onChange);
    },
  };
}
