import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { buildLessonIndex } from './lessonIndex.ts';

const lessonIndexModuleId = 'virtual:lesson-index';
const resolvedId = `\0${lessonIndexModuleId}`;

/**
 * Exposes `virtual:lesson-index`: the checked frontmatter of every lesson, in course order.
 *
 * The app needs every lesson's title and gating data up front, but each lesson's content must stay in its
 * own lazily loaded chunk. An eager `import.meta.glob` of the frontmatter would pull the whole lessons into
 * the main chunk, so this plugin reads the files itself. A lesson with bad frontmatter fails the build.
 */
export function lessonIndexPlugin(options: { lessonsDir?: string } = {}): Plugin {
  let root = process.cwd();
  const lessonsDir = () => path.resolve(root, options.lessonsDir ?? 'lessons');
  const isLessonFile = (file: string) => path.dirname(file) === lessonsDir() && file.endsWith('.mdx');

  return {
    name: 'course:lesson-index',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === lessonIndexModuleId ? resolvedId : undefined;
    },
    load(id) {
      if (id !== resolvedId) return undefined;
      const dir = lessonsDir();
      const files = readdirSync(dir)
        .filter((name) => name.endsWith('.mdx'))
        .sort()
        .map((name) => path.join(dir, name));
      if (files.length === 0)
        throw new Error(`No lessons found: add .mdx files to ${path.relative(root, dir)}/`);

      for (const file of files) this.addWatchFile(file);
      const lessons = buildLessonIndex(
        files.map((file) => ({
          file: path.relative(root, file).split(path.sep).join('/'),
          source: readFileSync(file, 'utf8'),
        })),
      );
      return `export default ${JSON.stringify(lessons)};`;
    },
    configureServer(server) {
      const refresh = (file: string) => {
        if (!isLessonFile(file)) return;
        const module = server.moduleGraph.getModuleById(resolvedId);
        if (module) server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.add(lessonsDir());
      server.watcher.on('add', refresh);
      server.watcher.on('unlink', refresh);
      server.watcher.on('change', refresh);
    },
  };
}
