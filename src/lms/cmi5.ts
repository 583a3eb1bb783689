/**
 * The course as one cmi5 assignable unit, through the xAPI.js cmi5 library: `initialized` at launch, each
 * lesson's quiz result as a cmi5-allowed `passed`/`failed` statement about that lesson, the course's `passed`
 * (or `failed`) with the final test's score and `completed` once every lesson is passed, `terminated` on leaving.
 * Progress is resumed from an xAPI state document in the same compact form as SCORM's suspend_data.
 */
import Cmi5 from '@xapi/cmi5';
import type { CourseReport } from './courseReport.ts';
import type { LmsConnection } from './connection.ts';

const progressStateId = 'https://w3id.org/xapi/ddb-course/state/progress';
const verbs = {
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { en: 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { en: 'failed' } },
};

interface SavedState {
  progress: string;
  /** cmi5-defined statements already sent in this registration: cmi5 allows each only once. */
  sent: string[];
  /** Each lesson's last reported result (`passed:100`), so a relaunch does not report it again. */
  lessons: Record<string, string>;
}

export async function connectCmi5(): Promise<LmsConnection | undefined> {
  if (!Cmi5.isCmiAvailable) return undefined;
  const cmi5 = new Cmi5();
  await cmi5.initialize();
  const { actor, activityId, registration } = cmi5.getLaunchParameters();
  const stateParams = { agent: actor, activityId, registration, stateId: progressStateId };
  const normalMode = cmi5.getLaunchData().launchMode === 'Normal';
  let state: SavedState = { progress: '', sent: [], lessons: {} };
  // List the state documents first: asking for a missing one is answered 404, which browsers log as an error.
  const { stateId, ...registrationParams } = stateParams;
  const stored = (await cmi5.xapi!.getStates(registrationParams)).data.includes(stateId)
    ? ((await cmi5.xapi!.getState(stateParams)).data as unknown as Partial<SavedState>)
    : undefined;
  if (typeof stored?.progress === 'string')
    state = { progress: stored.progress, sent: stored.sent ?? [], lessons: stored.lessons ?? {} };
  let terminated = false;

  const lessonStatement = (report: CourseReport['lessons'][number]) => {
    const { contextTemplate } = cmi5.getLaunchData();
    return {
      actor,
      verb: report.status === 'passed' ? verbs.passed : verbs.failed,
      object: {
        objectType: 'Activity' as const,
        id: `${activityId}/lessons/${report.lessonId}`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/lesson',
          name: { en: report.title },
        },
      },
      result: {
        success: report.status === 'passed',
        ...(report.scorePercent === undefined
          ? {}
          : { score: { scaled: report.scorePercent / 100, raw: report.scorePercent, min: 0, max: 100 } }),
      },
      context: {
        ...contextTemplate,
        registration,
        contextActivities: {
          ...contextTemplate.contextActivities,
          parent: [{ objectType: 'Activity' as const, id: activityId }],
        },
      },
      timestamp: new Date().toISOString(),
    };
  };

  return {
    kind: 'cmi5',
    savedProgress: async () => state.progress || undefined,
    save: async (compact, report) => {
      for (const lesson of report.lessons) {
        const result = `${lesson.status}:${lesson.scorePercent}`;
        if (lesson.status === 'not attempted' || state.lessons[lesson.lessonId] === result) continue;
        await cmi5.sendXapiStatement(lessonStatement(lesson));
        state.lessons[lesson.lessonId] = result;
      }
      if (normalMode) {
        const score = report.scorePercent === undefined ? undefined : report.scorePercent / 100;
        const once = async (verb: string, send: () => Promise<unknown>) => {
          if (state.sent.includes(verb)) return;
          await send();
          state.sent.push(verb);
        };
        if (report.status === 'passed') await once('passed', () => cmi5.pass(score));
        else if (report.status === 'failed' && !state.sent.includes('passed'))
          await once('failed', () => cmi5.fail(score));
        if (report.completed) await once('completed', () => cmi5.complete());
      }
      state = { ...state, progress: compact };
      await cmi5.xapi!.setState({ ...stateParams, state: state as unknown as Record<string, unknown> });
    },
    finish: () => {
      if (terminated) return;
      terminated = true;
      void cmi5.terminate().catch(() => undefined);
    },
  };
}
