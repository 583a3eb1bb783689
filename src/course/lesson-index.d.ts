/** Served by lessonIndexPlugin: every lesson's checked frontmatter in course order, its chunk's loader and its quiz pool's loader by id. */
declare module 'virtual:lesson-index' {
  const lessons: readonly import('./lessonIndex.ts').LessonMeta[];
  export default lessons;
  export const loaders: Readonly<Record<string, () => Promise<import('./lessons.ts').LessonModule>>>;
  /** Each lesson's quiz questions alone, by lesson id, for lessons with a quiz (see quizPoolModule.ts). */
  export const quizPools: Readonly<Record<string, () => Promise<import('./lessons.ts').LessonModule>>>;
}
