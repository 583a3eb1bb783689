// @vitest-environment jsdom
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { mdxComponents } from '../mdx/components.tsx';
import { lessons, loadLesson } from './lessons.ts';
import { extractQuizSpec, type QuizProps, type QuizSpecResult } from './quizSpec.ts';

/** Renders a lesson with a stand-in <Quiz> that records what extractQuizSpec makes of each quiz. */
async function renderLesson(lesson: (typeof lessons)[number]) {
  const { default: Content, tableOfContents } = await loadLesson(lesson);
  const quizzes: QuizSpecResult[] = [];
  const html = renderToStaticMarkup(
    <MemoryRouter>
      <Content
        components={{
          ...mdxComponents,
          Quiz: (props: QuizProps) => {
            quizzes.push(extractQuizSpec(props));
            return null;
          },
        }}
      />
    </MemoryRouter>,
  );
  return { html, quizzes, tableOfContents };
}

describe('the course lessons', () => {
  it('are listed in order with unique ids', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(2);
    expect(lessons.map((lesson) => lesson.order)).toEqual(
      [...lessons.map((lesson) => lesson.order)].sort((a, b) => a - b),
    );
    expect(new Set(lessons.map((lesson) => lesson.id)).size).toBe(lessons.length);
  });

  it.each(lessons.map((lesson) => [lesson.file, lesson] as const))(
    '%s renders, with a valid quiz if it has one',
    async (_, lesson) => {
      const { html, quizzes, tableOfContents } = await renderLesson(lesson);
      expect(html.length).toBeGreaterThan(500);
      expect(quizzes).toHaveLength(lesson.hasQuiz ? 1 : 0);
      for (const quiz of quizzes) expect(quiz).toMatchObject({ ok: true });
      expect(tableOfContents.length).toBeGreaterThan(0);
      for (const entry of tableOfContents) expect(html).toContain(`id="${entry.id}"`);
    },
  );

  // Honest reading times are checked by npm run lessons:check, with the rule in docs/authoring.md.
});
