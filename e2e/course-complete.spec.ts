/**
 * The whole course as a student takes it: fail a quiz (the next lesson stays locked), then pass every
 * quiz in course order and collect the certificate. The lessons come from the same index the build
 * uses, so a lesson added to `lessons/` is taken too; its answer key must be in e2e/fixtures.ts.
 */
import type { LessonMeta } from '../src/course/lessonIndex.ts';
import { answers, course, expect, quizLessons, test, type QuizAnswers } from './fixtures.ts';

// A wrong answer key should fail fast with the label it could not find, not after the whole test timeout.
test.use({ actionTimeout: 10_000 });

function answerKey(lesson: LessonMeta): QuizAnswers {
  const key = (answers as Record<string, { right?: QuizAnswers }>)[lesson.id]?.right;
  if (!key) throw new Error(`e2e/fixtures.ts has no answer key (answers["${lesson.id}"].right) for ${lesson.file}`);
  return key;
}

test('a student fails a quiz, then passes every quiz in order and gets the certificate', async ({
  home,
  lessonPage,
  quiz,
  page,
}) => {
  test.setTimeout(60_000 + 15_000 * course.length);
  const [first, second] = course;
  expect(first?.id, 'the course starts with the introduction, whose failing answers are in the fixtures').toBe('introduction');

  await test.step('failing the first quiz keeps the second lesson locked', async () => {
    await lessonPage.goto(first!.id);
    await quiz.submit(answers.introduction.oneRight);
    await expect(quiz.result).toContainText('You need');
    await expect(quiz.result).not.toContainText('You passed');
    await lessonPage.goto(second!.id);
    await expect(lessonPage.lockedHeading).toBeVisible();
  });

  for (const lesson of course) {
    await test.step(`${lesson.order}. ${lesson.title}`, async () => {
      await lessonPage.goto(lesson.id);
      await expect(lessonPage.title).toHaveText(lesson.title);
      if (!lesson.hasQuiz) return;
      const key = answerKey(lesson);
      await quiz.submit(key);
      await expect(quiz.result).toContainText(`You got ${key.length} of ${key.length} right. You passed!`);
    });
  }

  await test.step('every quiz counts as passed and the certificate lists them all', async () => {
    await home.goto();
    await expect(home.progressBar).toHaveAttribute('aria-valuenow', String(quizLessons.length));
    await page.goto('/certificate');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your certificate');
    await page.getByLabel('Your name').fill('Ada Student');
    const certificate = page.getByRole('group', { name: 'Certificate of completion' });
    await expect(certificate).toContainText('Ada Student');
    for (const lesson of quizLessons) {
      const questions = answerKey(lesson).length;
      await expect(certificate.getByRole('row', { name: lesson.title })).toContainText(`${questions} of ${questions}`);
    }
  });
});
