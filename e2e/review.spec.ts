/**
 * Spaced review: missed questions come back on the Review page when due, the home page counts them, and
 * each answer moves the question to its next interval (or back to tomorrow).
 */
import { expect, progressStorageKey, rightAnswer, test, wrongAnswer } from './fixtures.ts';
import { answerOf, generatedQuestion, writtenQuestion } from './quizSource.ts';

function seeded(
  items: Record<string, { lessonId: string; questionId: string; step: number; dueOn: string }>,
) {
  return JSON.stringify({
    version: 2,
    state: { lessons: {}, lastVisitedLessonId: null, studentName: '', review: { lastDraws: {}, items } },
  });
}

/** Saved progress with one missed prediction, due in review since 2020. */
function missedPrediction(lessonId: string, predictId: string, answer: number, measured: number) {
  const questionId = `predict:${predictId}`;
  return JSON.stringify({
    version: 2,
    state: {
      lessons: {},
      lastVisitedLessonId: null,
      studentName: '',
      predictions: {
        [lessonId]: {
          made: {
            [predictId]: {
              at: '2020-01-01T10:00:00.000Z',
              answer,
              outcome: { value: measured, right: false },
            },
          },
          revealedEarly: [],
        },
      },
      review: {
        lastDraws: {},
        items: {
          [`${lessonId}/${questionId}`]: { lessonId, questionId, step: 0, dueOn: '2020-01-02' },
        },
      },
    },
  });
}

test('missed questions due today are counted on the home page and asked again on the Review page', async ({
  page,
  home,
}) => {
  const past = '2020-01-01';
  const future = '2999-01-01';
  await home.seedStorage(
    seeded({
      'introduction/what-is-a-shard': {
        lessonId: 'introduction',
        questionId: 'what-is-a-shard',
        step: 0,
        dueOn: past,
      },
      'replication/replication-lag': {
        lessonId: 'replication',
        questionId: 'replication-lag',
        step: 1,
        dueOn: past,
      },
      'partitioning/hash-advantage': {
        lessonId: 'partitioning',
        questionId: 'hash-advantage',
        step: 0,
        dueOn: future,
      },
    }),
  );
  await page.getByRole('link', { name: 'Review: 2 questions due' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Review question' });
  const answers = [] as string[];
  for (const expected of ['Question 1 of 2', 'Question 2 of 2']) {
    const field = form.getByRole('group', { name: new RegExp(`^${expected}`) });
    const key = (await field.getAttribute('data-question-key'))!;
    answers.push(key);
    const question = writtenQuestion('review', key);
    const answer = key.startsWith('introduction/') ? rightAnswer(question) : wrongAnswer(question);
    if (typeof answer === 'number') await field.getByRole('spinbutton').fill(String(answer));
    else if (typeof answer === 'string')
      await field.getByRole('radio', { name: answer, exact: true }).check();
    else for (const label of answer) await field.getByRole('checkbox', { name: label, exact: true }).check();
    await form.getByRole('button', { name: 'Check answer' }).click();
    await expect(form).toContainText(key.startsWith('introduction/') ? '✓ Correct' : '✗ Not quite');
    // No quiz is passed yet, so review keeps the gate's rule: a pointer to the section, not the answer.
    await expect(form.locator('.question__explanation, .choice__feedback')).toHaveCount(0);
    await form.getByRole('button', { name: /Next question|Finish/ }).click();
  }
  await expect(page.getByRole('status')).toContainText('That was every question due today.');
  expect(answers.sort()).toEqual(['introduction/what-is-a-shard', 'replication/replication-lag']);

  const items = await page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key)!).state.review.items,
    progressStorageKey,
  );
  expect(items['introduction/what-is-a-shard'].step).toBe(1);
  expect(items['replication/replication-lag'].step).toBe(0);
  await home.goto();
  await expect(page.getByRole('link', { name: 'Review: nothing due today' })).toBeVisible();
});

test('a missed prediction comes back in review as a question, answered by what the run showed', async ({
  page,
  home,
}) => {
  await home.seedStorage(missedPrediction('replication', 'durability-lost-writes', 0, 33));
  await page.getByRole('link', { name: 'Review: 1 question due' }).click();
  const field = page
    .getByRole('form', { name: 'Review question' })
    .getByRole('group', { name: /^Question 1 of 1/ });
  await expect(field).toContainText('how many writes that clients were told succeeded will be gone');
  await field.getByRole('spinbutton').fill('33');
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(field).toContainText('✓ Correct');
});

test('a missed prediction with a generated template comes back as a fresh variant, says what changed, and is graded by a new run', async ({
  page,
  home,
}) => {
  const key = 'real-world-design/predict:tokyo-write-ms';
  await home.seedStorage(missedPrediction('real-world-design', 'tokyo-write-ms', 5, 154));
  await page.getByRole('link', { name: 'Review: 1 question due' }).click();
  const field = page
    .getByRole('form', { name: 'Review question' })
    .getByRole('group', { name: /^Question 1 of 1/ });
  await expect(field).toContainText(
    'You predicted “And a typical write sent to Tokyo?” in “Designing for the real world”',
  );
  await expect(field).toContainText('the same idea with new numbers');
  await expect(field).toHaveAttribute('data-template', 'remote-primary-write');
  const seed = (await field.getAttribute('data-variant-seed'))!;
  const fresh = await generatedQuestion('real-world-design', key, 'remote-primary-write', seed);
  await expect(field).toContainText(fresh.prompt);
  await expect(page.locator('.question__generated[role="status"]')).toHaveCount(0, { timeout: 15_000 });
  await field.getByRole('spinbutton').fill(String(answerOf(fresh)));
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(field).toContainText('✓ Correct');
});
