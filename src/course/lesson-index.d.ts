/** Served by lessonIndexPlugin: every lesson's checked frontmatter in course order, and its chunk's loader by id. */
declare module 'virtual:lesson-index' {
  const lessons: readonly import('./lessonIndex.ts').LessonMeta[];
  export default lessons;
  export const loaders: Readonly<Record<string, () => Promise<import('./lessons.ts').LessonModule>>>;
}
