/**
 * The whole course as a student takes it: fail a quiz (the next lesson stays locked), then pass every
 * quiz in course order and collect the certificate. The lessons come from the same index the build
 * uses, and the answers from the lesson sources (e2e/quizSource.ts), so a lesson added to `lessons/` is
 * taken too, whichever questions its quiz draws.
 */
import { course, expect, quizLessons, test } from './fixtures.ts';
import { writtenQuizzes } from './quizSource.ts';

// A wrong answer key should fail fast with the label it could not find, not after the whole test timeout.
test.use({ actionTimeout: 10_000 });

/** How many questions one attempt of the lesson's quiz asks. */
function quizLength(lessonId: string): number {
  const length = writtenQuizzes.get(lessonId)?.draw;
  if (!length) throw new Error(`The quiz of "${lessonId}" has no draw={…}`);
  return length;
}

test('a student fails a quiz, then passes every quiz in order and gets the certificate', async ({
  home,
  lessonPage,
  quiz,
  page,
}) => {
  test.setTimeout(60_000 + 15_000 * course.length);
  const [first, second] = course;

  await test.step('failing the first quiz keeps the second lesson locked', async () => {
    await lessonPage.goto(first!.id);
    await quiz.submit(await quiz.answersFor(first!.id, (position) => position === 0));
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
      const length = quizLength(lesson.id);
      await quiz.submit(await quiz.answersFor(lesson.id, true));
      await expect(quiz.result).toContainText(`You got ${length} of ${length} right. You passed!`);
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
      const questions = quizLength(lesson.id);
      await expect(certificate.getByRole('row', { name: lesson.title })).toContainText(
        `${questions} of ${questions}`,
      );
    }
  });
});
