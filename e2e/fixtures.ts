import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { buildLessonIndex } from '../src/course/lessonIndex.ts';

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

/** Answer keys for the lessons that exist; specs for new lessons add theirs. */
export const answers = {
  introduction: {
    right: [
      'A horizontal slice of the data: a subset of the rows',
      [
        'Handling more data and traffic than one server can',
        'Keeping the service answering while a machine is down',
        'Answering faster for users who are far from the main data centre',
      ],
      300,
      'CockroachDB',
    ],
    /** One right of four: below the pass mark. */
    oneRight: [
      'One machine or process in the database system',
      ['Handling more data and traffic than one server can'],
      300,
      'Apache Cassandra',
    ],
  },
  replication: {
    right: [
      'On the leader, which then sends each change to the followers',
      'Writes are confirmed faster, because the leader does not wait for any follower',
      'The delay between a write being applied on the leader and the same write appearing on a follower',
      33,
    ],
  },
  partitioning: {
    right: [
      "Dividing a table's rows among several pieces, each with the same columns",
      'It spreads rows and writes evenly over the shards, avoiding hot spots from uneven key ranges',
      'It has many distinct values (high cardinality)',
      1639,
    ],
  },
  'consistency-and-cap': {
    right: [
      'Either consistency or availability, together with partition tolerance, but not both',
      'If no new updates are made, all replicas eventually hold the same value',
      'W = 2 and R = 2',
      4,
    ],
  },
  'real-world-design': {
    right: [
      'Three copies of the data, on two different kinds of storage, with one copy offsite',
      "Regional primaries, with each user's data owned by the primary in their region",
      'A transaction or conditional write on the primary that checks the night is free and records the booking in one step',
      153,
    ],
  },
  'failover-and-consensus': {
    right: [
      'Two nodes acting as leader at the same time, each accepting writes',
      'Forcibly powers off or resets the old leader before the new one takes over',
      'Service comes back much sooner, without waiting for a person',
      [
        'A leader that really crashes is replaced sooner',
        'A slow network or a long pause is more likely to trigger a needless failover',
      ],
      3,
      'It could store them on only two of the five nodes, short of a majority',
      6,
    ],
  },
  'distributed-transactions': {
    right: [
      'The coordinator may already have decided to commit, and others may have committed',
      5899,
      [
        'Each step is a local transaction that commits immediately',
        'When a step fails, compensating transactions undo the earlier steps in reverse order',
        "Other transactions can see the saga's intermediate states",
      ],
      'Someone changed the row after you read it, so your write was not applied',
      6,
      'So that any transaction starting after the acknowledgement gets a larger timestamp',
    ],
  },
  'isolation-and-serializability': {
    right: [
      'They wrote different rows, so first committer wins saw no conflict, and each read a snapshot where the other was still on call',
      230,
      ['Lost updates', 'Read skew', "Reading another transaction's uncommitted write"],
      'If one transaction commits before another starts, it comes first in the serial order',
    ],
  },
  'final-test': {
    right: [
      'Five PostgreSQL servers kept in sync, which applications use as one database',
      'The delay between a write reaching the leader and the same write appearing on a follower',
      [
        'A confirmed write survives the loss of the leader',
        'Writes are slower, and a slow or unreachable follower can hold them up',
      ],
      'Data and load spread evenly, avoiding hotspots',
      [
        'Many distinct values (high cardinality)',
        'No single value is used far more than the others',
        'Most queries include it, so they can be sent to a single shard',
      ],
      'Consistency and availability',
      2,
      'If no new updates are made, all replicas eventually hold the same value',
      2,
      'Writes are confirmed only once a majority has them, and every message carries an epoch that only grows',
      'A saga: one local transaction per service, with compensating transactions if a step fails',
      'Distributed SQL with replicas in several regions, kept consistent by consensus',
      'Serializable',
    ],
  },
} satisfies Record<string, Record<string, QuizAnswers>>;

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

  async answer(answers: QuizAnswers) {
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
