export {
  budgetProblems,
  challengeProblems,
  challengeSchema,
  countedActions,
  formatSeconds,
  kindOf,
  type Challenge,
  type ChallengeInput,
} from './definition';
export { goalCheckNames, runGoalChecks } from './goalChecks';
export { judgeChallenge, type ChallengeVerdict } from './judge';
export {
  defaultMaxRuns,
  shrinkSchedule,
  simplerForms,
  type ShrinkResult,
  type SolvedVerdict,
} from './shrink';
