import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { buildLessonIndex } from '../src/course/lessonIndex.ts';
import type { StudentAction } from '../src/predict/studentActions.ts';
import {
  answerOf,
  generatedQuestion,
  helperSendAtMs,
  writtenQuestion,
  type WrittenQuestion,
} from './quizSource.ts';

export { expect };

/** Every lesson in course order, read from `lessons/` with the same index the build uses. */
const lessonsDir = new URL('../lessons/', import.meta.url);
export const course = buildLessonIndex(
  readdirSync(lessonsDir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => ({ file: `lessons/${name}`, source: readFileSync(new URL(name, lessonsDir), 'utf8') })),
);

/** The lessons that end with a quiz, in course order. */
export const quizLessons = course.filter((lesson) => lesson.hasQuiz);

/** Where the course saves progress in localStorage (see src/store/createCourseStore.ts). */
export const progressStorageKey = 'ddb-course:progress';

/**
 * One answer per question, in order: a choice's label for single choice, a list of labels for
 * select-all-that-apply, a number for numeric questions.
 */
export type QuizAnswers = ReadonlyArray<string | readonly string[] | number>;

/**
 * The answer the lesson source marks right; for a question about a run, measured from the run the test
 * performs (the embed's own seed and no actions; see answerOf).
 */
export function rightAnswer(question: WrittenQuestion): QuizAnswers[number] {
  if (question.kind === 'numeric') return answerOf(question);
  const labels = question.choices.filter((choice) => choice.correct).map((choice) => choice.label);
  return question.kind === 'multi' ? labels : labels[0]!;
}

/** An answer the lesson source marks wrong: the first wrong choice, or a number outside the tolerance. */
export function wrongAnswer(question: WrittenQuestion): QuizAnswers[number] {
  if (question.kind === 'numeric') return answerOf(question) + (question.tolerance ?? 0) + 1;
  const wrong = question.choices.find((choice) => !choice.correct)!.label;
  return question.kind === 'multi' ? [wrong] : wrong;
}

/** A saved attempt that passed, for seeding progress. */
export function passedAttempt(total = 3, at = '2025-02-01T10:00:00.000Z') {
  return { at, correct: total, total, passed: true };
}

/** The course's saved-progress format, as written to localStorage. */
export function savedProgress(
  lessons: Record<string, { attempts: ReturnType<typeof passedAttempt>[] }>,
  studentName = '',
) {
  return JSON.stringify({ version: 2, state: { lessons, lastVisitedLessonId: null, studentName } });
}

export class HomePage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  lessonCard(title: string | RegExp): Locator {
    return this.page.locator('.lesson-card').filter({ has: this.page.getByRole('heading', { name: title }) });
  }

  get progressBar(): Locator {
    return this.page.getByRole('progressbar', { name: 'Course progress' });
  }

  /** Replaces saved progress with `raw` (any text) and reloads, as a returning student would arrive. */
  async seedStorage(raw: string) {
    await this.page.goto('/');
    await this.page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      progressStorageKey,
      raw,
    ] as const);
    await this.page.reload();
  }
}

export class LessonPage {
  constructor(readonly page: Page) {}

  async goto(lessonId: string) {
    await this.page.goto(`/lessons/${lessonId}`);
  }

  get title(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get tableOfContents(): Locator {
    return this.page.getByRole('navigation', { name: 'On this page' });
  }

  get objectives(): Locator {
    return this.page.getByRole('region', { name: 'In this lesson you will' });
  }

  get pager(): Locator {
    return this.page.getByRole('navigation', { name: 'Lessons' });
  }

  get lockedHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: /isn’t open yet/ });
  }
}

export class Quiz {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Quiz' });
  }

  /** The fieldset of question `number` (1-based). */
  question(number: number): Locator {
    return this.region.getByRole('group', { name: new RegExp(`^Question ${number} of`) });
  }

  get result(): Locator {
    return this.region.locator('.quiz__result');
  }

  get checkButton(): Locator {
    return this.region.getByRole('button', { name: 'Check answers' });
  }

  get retryButton(): Locator {
    return this.region.getByRole('button', { name: 'Try again' });
  }

  /**
   * Questions about a run are answered from the student's own run: for each such question not yet run,
   * scroll to its simulation and drag its timeline to the end (as a student would).
   */
  async runBoundSimulations() {
    const notices = this.region.locator('.question__run');
    // Each run answers every question about it; a notice's position changes as others go, so go by embed.
    for (const embedId of new Set(
      await notices.evaluateAll((all) => all.map((n) => n.getAttribute('data-run-for'))),
    )) {
      const notice = this.region.locator(`.question__run[data-run-for="${embedId}"]`);
      const simulation = this.page.locator(
        `section.sim[data-embed-key="${embedId}"], .sim-compare:has([data-embed-key="${embedId}-left"])`,
      );
      // The run starts when its cluster scrolls into view; a compare embed is taller than the window, so
      // scrolling to the whole of it may show only its shared controls.
      await this.page
        .locator(`[data-embed-key="${embedId}"], [data-embed-key="${embedId}-left"]`)
        .first()
        .scrollIntoViewIfNeeded();
      const timeline = simulation.getByRole('slider', { name: 'Timeline' }).first();
      await expect(timeline).toBeEnabled({ timeout: 15_000 });
      const actions = await notice.first().getAttribute('data-actions');
      if (actions) await this.sendRequests(simulation, timeline, JSON.parse(actions) as StudentAction[]);
      await timeline.fill((await timeline.getAttribute('max'))!);
      await expect(timeline).toHaveAttribute('aria-valuetext', /run so far reaches (.+) of \1|reaches/);
      await expect(notice).toHaveCount(0, { timeout: 15_000 });
    }
  }

  /**
   * Sends the requests a run-bound question asks for with the simulation's client panel, as a student
   * would, each at the time the answer key replays it (helperSendAtMs): seek there, pick the node and the
   * operation, press Send.
   */
  async sendRequests(simulation: Locator, timeline: Locator, actions: readonly StudentAction[]) {
    const panel = simulation.getByRole('form', { name: 'Send a request' }).first();
    for (const [index, action] of actions.entries()) {
      const atMs = helperSendAtMs(index);
      await timeline.fill(String(atMs));
      const at = `${(atMs / 1000).toFixed(2)} s`;
      await expect(timeline).toHaveAttribute('aria-valuetext', new RegExp(`^${at} of .*reaches ${at}$`));
      await panel.getByLabel('To node').selectOption(action.to);
      await panel.getByLabel('Operation').selectOption(action.send);
      if (action.key) await panel.getByLabel('Key').fill(action.key);
      await panel.getByRole('button', { name: 'Send' }).click();
      await expect(panel.getByRole('status')).toContainText(action.send);
    }
  }

  /** The key of each question this attempt asks, in order: its id, or `lesson-id/id` in the final test. */
  async askedKeys(): Promise<string[]> {
    await expect(this.question(1)).toBeVisible();
    return this.region
      .locator('fieldset[data-question-key]')
      .evaluateAll((fields) => fields.map((field) => field.getAttribute('data-question-key') ?? ''));
  }

  /**
   * The questions this attempt asks on `lessonId`'s page, as the lesson sources write them; a generated
   * question with the answer the engine gives for the parameters the page drew.
   */
  async askedQuestions(lessonId: string): Promise<WrittenQuestion[]> {
    await expect(this.question(1)).toBeVisible();
    const asked = await this.region.locator('fieldset[data-question-key]').evaluateAll((fields) =>
      fields.map((field) => ({
        key: field.getAttribute('data-question-key') ?? '',
        template: field.getAttribute('data-template'),
        seed: field.getAttribute('data-variant-seed'),
      })),
    );
    return Promise.all(
      asked.map(({ key, template, seed }) =>
        template && seed ? generatedQuestion(lessonId, key, template, seed) : writtenQuestion(lessonId, key),
      ),
    );
  }

  /**
   * Answers for the questions this attempt asks, from the lesson sources: all right, all wrong, or right
   * exactly at the positions (0-based) for which `right` says so.
   */
  async answersFor(lessonId: string, right: boolean | ((position: number) => boolean)): Promise<QuizAnswers> {
    const isRight = typeof right === 'boolean' ? () => right : right;
    return (await this.askedQuestions(lessonId)).map((question, position) =>
      isRight(position) ? rightAnswer(question) : wrongAnswer(question),
    );
  }

  /** Waits until every generated question's answer has come back from the simulation worker. */
  async generatedReady() {
    await expect(this.region.locator('.question__generated[role="status"]')).toHaveCount(0, {
      timeout: 15_000,
    });
  }

  async answer(answers: QuizAnswers) {
    await this.runBoundSimulations();
    await this.generatedReady();
    for (const [index, answer] of answers.entries()) {
      const question = this.question(index + 1);
      if (typeof answer === 'number') await question.getByRole('spinbutton').fill(String(answer));
      else if (typeof answer === 'string')
        await question.getByRole('radio', { name: answer, exact: true }).check();
      else
        for (const label of answer)
          await question.getByRole('checkbox', { name: label, exact: true }).check();
    }
  }

  async submit(answers: QuizAnswers) {
    await this.answer(answers);
    await this.checkButton.click();
    await expect(this.result).toContainText('You got');
  }

  /**
   * Answers with the keyboard alone, starting from the focused element just before the first question:
   * Tab into each group, arrow keys through radios, Space on checkboxes, typing into number fields, Enter.
   */
  async answerWithKeyboard(answers: QuizAnswers) {
    const keyboard = this.page.keyboard;
    const focusedLabel = () =>
      this.page.evaluate(() => {
        const input = document.activeElement as HTMLInputElement | null;
        return input?.labels?.[0]?.textContent?.trim() ?? '';
      });
    for (const answer of answers) {
      await keyboard.press('Tab');
      if (typeof answer === 'number') {
        await keyboard.type(String(answer));
      } else if (typeof answer === 'string') {
        await keyboard.press('Space');
        for (let step = 0; step < 10 && (await focusedLabel()) !== answer; step += 1)
          await keyboard.press('ArrowDown');
        expect(await focusedLabel()).toBe(answer);
      } else {
        const count = await this.page.evaluate(() => {
          const input = document.activeElement as HTMLInputElement;
          return document.querySelectorAll(`input[name="${CSS.escape(input.name)}"]`).length;
        });
        for (let box = 0; box < count; box += 1) {
          if (box > 0) await keyboard.press('Tab');
          if (answer.includes(await focusedLabel())) await keyboard.press('Space');
        }
      }
    }
  }
}

/** Runs axe on the page and returns the serious and critical violations, described for a readable failure. */
export async function seriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

interface Fixtures {
  home: HomePage;
  lessonPage: LessonPage;
  quiz: Quiz;
  /** Every console error and uncaught exception, CSP violations included. Checked after each test. */
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  // Playwright's fixture callback is named `provide` here, not `use`, so the React hooks lint rule leaves it alone.
  consoleErrors: [
    async ({ page }, provide) => {
      const errors: string[] = [];
      // A blocked eval or inline script is reported to the page, not always logged to the console
      // (zod's `new Function` probe was one): turn every violation report into a console error.
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (event) =>
          console.error(
            `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`,
          ),
        ),
      );
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await provide(errors);
      expect(errors, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
  home: async ({ page }, provide) => provide(new HomePage(page)),
  lessonPage: async ({ page }, provide) => provide(new LessonPage(page)),
  quiz: async ({ page }, provide) => provide(new Quiz(page)),
});

/** The two looks a drawing is checked in: a desktop in light mode and a phone in dark mode. */
const looks = [
  { width: 1280, colorScheme: 'light' },
  { width: 375, colorScheme: 'dark' },
] as const;

/** Declares `body`'s tests once per look, each in its own describe block with that viewport and scheme. */
export function inEachLook(body: (look: (typeof looks)[number]) => void): void {
  for (const look of looks)
    test.describe(`${look.width} px, ${look.colorScheme}`, () => {
      test.use({ viewport: { width: look.width, height: 900 }, colorScheme: look.colorScheme });
      body(look);
    });
}
