/**
 * The quiz gate: a failed attempt gives nothing away, and a retake asks mostly new questions. Lessons are
 * opened in instructor preview, so every quiz can be failed without passing the ones before it.
 */
import type { Page } from '@playwright/test';
import { expect, quizLessons, test, type QuizAnswers } from './fixtures.ts';
import { writtenQuizzes } from './quizSource.ts';

/**
 * Picks every choice answer in one round trip to the page (a hundred attempts answered one click at a time
 * take minutes on a loaded machine); numbers are typed. What is picked is what the student would click.
 */
async function answerQuickly(page: Page, answers: QuizAnswers) {
  const fields = page.locator('fieldset[data-question-key]');
  for (const [position, answer] of answers.entries())
    if (typeof answer === 'number') await fields.nth(position).getByRole('spinbutton').fill(String(answer));
  await fields.evaluateAll(
    (elements, labels) => {
      elements.forEach((field, position) => {
        const wanted = labels[position];
        if (typeof wanted === 'number') return;
        for (const label of field.querySelectorAll('label')) {
          const text = label.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          if (wanted === text || (Array.isArray(wanted) && wanted.includes(text)))
            (label.control as HTMLInputElement | null)?.click();
        }
      });
    },
    answers as (string | number | string[])[],
  );
}

for (const lesson of quizLessons) {
  test(`failing the quiz of ${lesson.file} marks no correct choice and shows no explanation`, async ({
    page,
    quiz,
  }) => {
    await page.goto(`/lessons/${lesson.id}?preview=instructor`);
    const asked = await quiz.askedQuestions(lesson.id);
    await quiz.submit(await quiz.answersFor(lesson.id, false));
    await expect(quiz.result).toContainText(`You got 0 of ${asked.length} right. You need`);

    await expect(quiz.region.locator('.question__verdict')).toHaveText(asked.map(() => '✗ Not quite'));
    await expect(quiz.region.locator('.question__reread a')).toHaveCount(asked.length);
    await expect(
      quiz.region.locator('.choice--right, .choice--missed, .choice--wrong, .choice__feedback'),
    ).toHaveCount(0);
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).not.toContain('The correct answer');
    expect(shown).not.toContain('The answer is');
    for (const question of asked) {
      for (const why of question.choices.flatMap((choice) => (choice.why ? [choice.why] : [])))
        expect(shown, `question "${question.id}" shows a choice's explanation`).not.toContain(why);
      if (question.explanation)
        expect(shown, `question "${question.id}" shows its explanation`).not.toContain(question.explanation);
    }
  });
}

test('100 retakes of a quiz each share at most half their questions with the attempt before', async ({
  page,
  quiz,
}, testInfo) => {
  test.setTimeout(420_000);
  const lessonId = 'replication';
  const { draw, questions: written, generated } = writtenQuizzes.get(lessonId)!;
  const poolSize = written.length + generated.length;
  await page.goto(`/lessons/${lessonId}?preview=instructor`);
  const overlaps: number[] = [];
  const seen = new Set<string>();
  let previous = await quiz.askedKeys();
  previous.forEach((key) => seen.add(key));
  for (let retake = 1; retake <= 100; retake += 1) {
    await quiz.runBoundSimulations();
    await answerQuickly(page, await quiz.answersFor(lessonId, false));
    await quiz.generatedReady();
    await quiz.checkButton.click();
    await expect(quiz.result).toContainText('You got 0 of');
    await quiz.retryButton.click();
    const current = await quiz.askedKeys();
    expect(current).toHaveLength(draw);
    overlaps.push(current.filter((key) => previous.includes(key)).length);
    current.forEach((key) => seen.add(key));
    previous = current;
  }
  const mean = overlaps.reduce((sum, overlap) => sum + overlap, 0) / overlaps.length;
  const summary = `${lessonId}: quiz of ${draw} from a pool of ${poolSize}; overlap with the attempt before over 100 retakes: max ${Math.max(...overlaps)}, mean ${mean.toFixed(2)}; ${seen.size} of ${poolSize} questions asked at least once`;
  testInfo.annotations.push({ type: 'overlap', description: summary });
  console.log(summary);
  expect(Math.max(...overlaps)).toBeLessThanOrEqual(Math.floor(draw / 2));
  expect(seen.size).toBe(poolSize);
});
