import { describe, expect, it } from 'vitest';
import { Choice, Explain, Question } from '../quiz/parts.tsx';
import { checkWrittenQuiz, extractQuizSpec, type WrittenElement } from './quizSpec.ts';

function problemsOf(result: ReturnType<typeof extractQuizSpec>): string[] {
  if (result.ok) throw new Error('expected the quiz to be rejected');
  return result.problems;
}

describe('extractQuizSpec', () => {
  it('reads questions, choices in source order, and explanations', () => {
    const result = extractQuizSpec(
      <>
        {'\n'}
        <Question id="q1" prompt="Pick one">
          <Choice why="No">A</Choice>
          <Choice correct why="Yes">
            B
          </Choice>
          <Explain>Because B.</Explain>
        </Question>
        <Question id="q2" kind="multi" prompt="Pick all">
          <Choice correct>A</Choice>
          <Choice correct>B</Choice>
          <Choice>C</Choice>
        </Question>
        <Question id="q3" kind="numeric" prompt="How many?" answer={3} tolerance={0} unit="replicas" />
      </>,
    );
    expect(result).toEqual({
      ok: true,
      spec: {
        questions: [
          {
            kind: 'single',
            id: 'q1',
            prompt: 'Pick one',
            explanation: 'Because B.',
            choices: [
              { index: 0, correct: false, content: 'A', why: 'No' },
              { index: 1, correct: true, content: 'B', why: 'Yes' },
            ],
          },
          {
            kind: 'multi',
            id: 'q2',
            prompt: 'Pick all',
            explanation: undefined,
            choices: [
              { index: 0, correct: true, content: 'A', why: undefined },
              { index: 1, correct: true, content: 'B', why: undefined },
              { index: 2, correct: false, content: 'C', why: undefined },
            ],
          },
          {
            kind: 'numeric',
            id: 'q3',
            prompt: 'How many?',
            explanation: undefined,
            answer: 3,
            tolerance: 0,
            unit: 'replicas',
          },
        ],
      },
    });
  });

  it('needs at least one question', () => {
    expect(problemsOf(extractQuizSpec(null))).toEqual(['A <Quiz> needs at least one <Question>']);
  });

  it('rejects content that is not a question, and duplicate ids', () => {
    const problems = problemsOf(
      extractQuizSpec(
        <>
          <p>Intro</p>
          <Question id="q1" prompt="One">
            <Choice correct>A</Choice>
            <Choice>B</Choice>
          </Question>
          <Question id="q1" prompt="Two">
            <Choice correct>A</Choice>
            <Choice>B</Choice>
          </Question>
        </>,
      ),
    );
    expect(problems).toEqual([
      'A <Quiz> may only contain <Question> elements, but it contains a <p>',
      'Two questions use the id "q1"',
    ]);
  });

  it('checks the number of correct choices for each kind', () => {
    const problems = problemsOf(
      extractQuizSpec(
        <>
          <Question id="none" prompt="?">
            <Choice>A</Choice>
            <Choice>B</Choice>
          </Question>
          <Question id="two" prompt="?">
            <Choice correct>A</Choice>
            <Choice correct>B</Choice>
          </Question>
          <Question id="lonely" kind="multi" prompt="?">
            <Choice correct>A</Choice>
          </Question>
        </>,
      ),
    );
    expect(problems).toEqual([
      'Question "none" is single-choice and needs exactly one <Choice correct>, but has 0',
      'Question "two" is single-choice and needs exactly one <Choice correct>, but has 2',
      'Question "lonely" needs at least two <Choice> elements',
    ]);
  });

  it('checks numeric questions, prompts, ids and kinds', () => {
    const problems = problemsOf(
      extractQuizSpec(
        <>
          <Question id="n" kind="numeric" prompt="?" tolerance={-1}>
            <Choice>1</Choice>
          </Question>
          {/* @ts-expect-error: testing what a lesson author might write */}
          <Question kind="essay" prompt="">
            <Choice correct>A</Choice>
            <Choice>B</Choice>
            <Explain>One</Explain>
            <Explain>Two</Explain>
            stray text
          </Question>
        </>,
      ),
    );
    expect(problems).toEqual([
      'Question "n" is numeric, so it takes an answer={…}, not <Choice> elements',
      'Question "n" is numeric and needs answer={a number}',
      'Question "n" needs a tolerance of 0 or more, got -1',
      'A <Question> needs an id',
      'A <Question> needs a prompt',
      'A <Question> has kind="essay"; use one of single, multi, numeric',
      'A <Question> has more than one <Explain>',
      'A <Question> may only contain <Choice> and <Explain>, but it contains the text "stray text"',
    ]);
  });

  it('requires a numeric answer written as a number and a tolerance, with no default', () => {
    const problems = problemsOf(
      extractQuizSpec(
        <>
          <Question id="no-tolerance" kind="numeric" prompt="?" answer={3} />
          {/* @ts-expect-error: testing what a lesson author might write */}
          <Question id="quoted" kind="numeric" prompt="?" answer="3" tolerance={0} />
        </>,
      ),
    );
    expect(problems).toEqual([
      'Question "no-tolerance" is numeric and needs a tolerance',
      'Question "quoted" is numeric and needs answer={a number}, got "3"',
    ]);
  });
});

describe('checkWrittenQuiz', () => {
  const element = (
    at: string,
    role: WrittenElement<string>['role'],
    props: Record<string, unknown>,
    children: WrittenElement<string>[] = [],
  ): WrittenElement<string> => ({ at, role, props, children, content: at, description: `a <${role}>` });

  it('says how to fix each problem and points at the element and attribute it is about, even in a broken question', () => {
    const result = checkWrittenQuiz(
      [
        element('first', 'question', { id: 'q', prompt: 'One?' }, [
          element('choice-a', 'choice', { correct: true }),
          element('choice-b', 'choice', {}),
        ]),
        element('second', 'question', { id: 'q', prompt: 'Two?', kind: 'numeric', answer: 2, tolerance: -1 }),
      ],
      'quiz',
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          message: 'Two questions use the id "q"',
          fix: 'give each question its own id (saved answers and hints are keyed by it)',
          at: 'second',
          attribute: 'id',
        },
        {
          message: 'Question "q" needs a tolerance of 0 or more, got -1',
          fix: 'use tolerance={0} for an exact answer, or the accepted margin either side, e.g. tolerance={0.5}',
          at: 'second',
          attribute: 'tolerance',
        },
      ],
    });
  });

  it('points an empty quiz at the quiz itself, and a missing tolerance at its question', () => {
    expect(checkWrittenQuiz([], 'quiz')).toMatchObject({ ok: false, problems: [{ at: 'quiz' }] });
    expect(
      checkWrittenQuiz(
        [element('q', 'question', { id: 'n', prompt: '?', kind: 'numeric', answer: 1 })],
        'quiz',
      ),
    ).toMatchObject({
      ok: false,
      problems: [{ at: 'q', attribute: undefined, fix: 'add tolerance={0} for an exact answer' }],
    });
  });
});
