/** Served by lessonIndexPlugin: every lesson's checked frontmatter, in course order. */
declare module 'virtual:lesson-index' {
  const lessons: readonly import('./lessonIndex.ts').LessonMeta[];
  export default lessons;
}
