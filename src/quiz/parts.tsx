import type {
  ChoiceProps,
  ExplainProps,
  GeneratedProps,
  QuestionProps,
  QuizRole,
} from '../course/quizSpec.ts';
import { AuthorError } from './AuthorError.tsx';

/**
 * The compound parts of a quiz. A <Quiz> reads them as data (see extractQuizSpec) and never renders them
 * itself, so each one only renders when it has been placed outside a <Quiz> by mistake.
 */
function quizPart<P>(name: string, quizRole: QuizRole) {
  const misplaced = (_props: P) => (
    <AuthorError what={`A <${name}>`} problems={[`<${name}> must be placed inside a <Quiz>`]} />
  );
  return Object.assign(misplaced, { quizRole, displayName: name });
}

export const Question = quizPart<QuestionProps>('Question', 'question');
export const Generated = quizPart<GeneratedProps>('Generated', 'generated');
export const Choice = quizPart<ChoiceProps>('Choice', 'choice');
export const Explain = quizPart<ExplainProps>('Explain', 'explain');
