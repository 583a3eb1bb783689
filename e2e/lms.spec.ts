/**
 * The LMS packages from `npm run build:lms`, launched from a stand-in LMS (e2e/lms/lmsHost.ts) whose SCORM side
 * is scorm-again, a real SCORM run-time, and whose cmi5 side keeps the xAPI statements for Learning Locker's
 * xAPI validator. Launch, pass a quiz, the LMS records it, a relaunch in a fresh browser resumes from the LMS.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import xapiValidation from '@learninglocker/xapi-validation';
import type { Browser, Page } from '@playwright/test';
import { course, expect, HomePage, Quiz, test } from './fixtures.ts';
import { startLmsHost } from './lms/lmsHost.ts';

/** Learning Locker's statement validator (a CommonJS module: its function arrives as `default` here). */
const validateStatement =
  (xapiValidation as unknown as { default?: typeof xapiValidation }).default ?? xapiValidation;

const root = path.resolve(import.meta.dirname, '..');
const lmsPort = Number(process.env.E2E_PORT ?? 4173) + 1000;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

test.beforeAll(() => {
  execFileSync('npm', ['run', '-s', 'build:lms'], { cwd: root, stdio: 'ignore', timeout: 300_000 });
});

const packageZip = (kind: string) => readFileSync(path.join(root, `dist/lms/ddb-course-${kind}.zip`));

/** Opens the LMS page and launches the course in a new window, as many LMSs do; fails on any console error. */
async function launch(browser: Browser, url: string): Promise<{ course: Page; errors: string[] }> {
  const context = await browser.newContext();
  const lms = await context.newPage();
  const errors: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await lms.goto(url);
  const [coursePage] = await Promise.all([
    context.waitForEvent('page'),
    lms.getByRole('button', { name: 'Launch the course' }).click(),
  ]);
  await expect(coursePage.getByRole('heading', { level: 1 })).toBeVisible();
  return { course: coursePage, errors };
}

/** The parts of scorm-again's commit (its `json` format) that these tests read. */
interface CommittedCmi {
  core: { lesson_status: string };
  completion_status: string;
  objectives: Record<string, { id: string }>;
  suspend_data: string;
}

interface SentStatement {
  object: { id: string };
  result: unknown;
  context: { registration: string; contextActivities: { category?: unknown } };
}

const introduction = course.find((lesson) => lesson.id === 'introduction')!;
const quizLessonCount = course.filter((lesson) => lesson.hasQuiz).length;

for (const version of ['1.2', '2004'] as const) {
  test(`SCORM ${version}: launch, pass a quiz, the LMS records the score, a relaunch resumes`, async ({
    browser,
  }) => {
    const host = await startLmsHost(packageZip(version === '1.2' ? 'scorm12' : 'scorm2004'), lmsPort);
    try {
      const first = await launch(
        browser,
        `${host.url}/host.html?scorm=${version}&page=%23/lessons/introduction`,
      );
      const quiz = new Quiz(first.course);
      await quiz.submit(await quiz.answersFor('introduction', true));
      await expect(quiz.result).toContainText('You passed!');

      await expect.poll(() => host.commits.length).toBeGreaterThan(0);
      const cmi = host.commits.at(-1)!.cmi as CommittedCmi;
      const objective = Object.values(cmi.objectives).find((o) => o.id === 'introduction');
      if (version === '1.2') {
        expect(cmi.core.lesson_status).toBe('incomplete');
        expect(objective).toMatchObject({ status: 'passed', score: { raw: '100', min: '0', max: '100' } });
      } else {
        expect(cmi.completion_status).toBe('incomplete');
        expect(objective).toMatchObject({ success_status: 'passed', score: { scaled: '1', raw: '100' } });
      }
      expect(Object.keys(cmi.objectives)).toHaveLength(quizLessonCount);
      expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096);
      expect(cmi.suspend_data).toMatch(/^c1\|/);
      expect(first.errors).toEqual([]);

      // A fresh browser (nothing in localStorage): the progress comes back from the LMS.
      const second = await launch(browser, `${host.url}/host.html?scorm=${version}`);
      const home = new HomePage(second.course);
      await expect(home.lessonCard(introduction.title)).toContainText('✓ Passed Best score 4 of 4');
      await expect(home.progressBar).toHaveAttribute('aria-valuenow', '1');
      expect(second.errors).toEqual([]);
    } finally {
      await host.close();
    }
  });
}

test('cmi5: launch, pass a quiz, valid xAPI statements reach the LRS, a relaunch resumes', async ({
  browser,
}) => {
  const host = await startLmsHost(packageZip('cmi5'), lmsPort);
  const registration = '8d5b6c1e-4b7a-4c1f-9d2e-3f4a5b6c7d8e';
  const activityId = 'urn:ddb-course:distributed-databases-live/au';
  const actor = {
    objectType: 'Agent',
    name: 'Ada Lovelace',
    account: { homePage: 'https://lms.example.edu', name: 'ada' },
  };
  host.setLaunchData(registration, {
    contextTemplate: {
      contextActivities: {
        grouping: [{ objectType: 'Activity', id: 'urn:ddb-course:distributed-databases-live' }],
      },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' },
    },
    launchMode: 'Normal',
    moveOn: 'CompletedAndPassed',
  });
  const launchQuery = new URLSearchParams({
    endpoint: `${host.url}/lrs/`,
    fetch: `${host.url}/cmi5/fetch`,
    actor: JSON.stringify(actor),
    registration,
    activityId,
  });
  try {
    const launchUrl = `${host.url}/course/index.html?${launchQuery}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${launchUrl}#/lessons/introduction`);
    const quiz = new Quiz(page);
    await quiz.submit(await quiz.answersFor('introduction', true));
    await expect(quiz.result).toContainText('You passed!');

    await expect
      .poll(() => host.statements.map((statement) => (statement.verb as { id: string }).id.split('/').at(-1)))
      .toEqual(['initialized', 'passed']);
    for (const statement of host.statements)
      expect(validateStatement(statement), JSON.stringify(statement)).toEqual([]);
    const [initialized, lessonPassed] = host.statements as unknown as SentStatement[];
    expect(initialized!.context.registration).toBe(registration);
    expect(initialized!.context.contextActivities.category).toEqual([
      { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' },
    ]);
    expect(lessonPassed!.object.id).toBe(`${activityId}/lessons/introduction`);
    expect(lessonPassed!.result).toMatchObject({ success: true, score: { scaled: 1, raw: 100 } });
    expect(
      lessonPassed!.context.contextActivities.category,
      'a cmi5-allowed statement has no cmi5 category',
    ).toBeUndefined();
    expect(errors).toEqual([]);

    const again = await (await browser.newContext()).newPage();
    await again.goto(launchUrl);
    await expect(new HomePage(again).lessonCard(introduction.title)).toContainText(
      '✓ Passed Best score 4 of 4',
    );
    await expect
      .poll(() => host.statements.filter((s) => (s.verb as { id: string }).id.endsWith('/passed')).length)
      .toBe(1);
  } finally {
    await host.close();
  }
});
