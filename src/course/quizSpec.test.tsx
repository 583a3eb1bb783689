import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { Choice, Explain, Generated, Question } from '../quiz/parts.tsx';
import { checkWrittenQuiz, extractPoolQuestions, extractQuizSpec, type WrittenElement } from './quizSpec.ts';

/** A quiz that asks one question per attempt, so the rules about its questions are what a test sees. */
const quiz = (children: ReactNode) => extractQuizSpec({ draw: 1, children });

function problemsOf(result: { ok: true } | { ok: false; problems: string[] }): string[] {
  if (result.ok) throw new Error('expected the quiz to be rejected');
  return result.problems;
}

describe('extractQuizSpec', () => {
  it('reads a generated question as its template, with the template as its id unless one is given', () => {
    const result = extractQuizSpec({
      draw: 1,
      children: (
        <>
          <Generated template="quorum-overlap" section="quorums" />
          <Generated template="quorum-overlap" id="second" section="quorums" />
        </>
      ),
    });
    expect(result).toEqual({
      ok: true,
      spec: {
        draw: 1,
        questions: [
          { kind: 'generated', id: 'quorum-overlap', section: 'quorums', template: 'quorum-overlap' },
          { kind: 'generated', id: 'second', section: 'quorums', template: 'quorum-overlap' },
        ],
      },
    });
  });

  it('names an unknown template, a missing section and content written into a <Generated>', () => {
    const problems = problemsOf(
      extractQuizSpec({
        draw: 1,
        children: (
          <>
            <Generated template="quorum-overlapp" section="s" />
            <Generated template="raft-partition" />
            {/* @ts-expect-error a <Generated> takes no children */}
            <Generated template="range-shard" section="s">
              <Choice>A</Choice>
            </Generated>
          </>
        ),
      }),
    );
    expect(problems).toEqual([
      '<Generated template="quorum-overlapp"> names no question template',
      '<Generated template="raft-partition"> needs a section: the heading a student who got it wrong should reread',
      '<Generated template="range-shard"> takes no content: the template writes the question',
    ]);
  });

  it('reads questions, choices in source order, and explanations', () => {
    const result = quiz(
      <>
        {'\n'}
        <Question section="s" id="q1" prompt="Pick one">
          <Choice why="No">A</Choice>
          <Choice correct why="Yes">
            B
          </Choice>
          <Explain>Because B.</Explain>
        </Question>
        <Question section="s" id="q2" kind="multi" prompt="Pick all">
          <Choice correct>A</Choice>
          <Choice correct>B</Choice>
          <Choice>C</Choice>
        </Question>
        <Question
          section="s"
          id="q3"
          kind="numeric"
          prompt="How many?"
          answer={3}
          tolerance={0}
          unit="replicas"
        />
      </>,
    );
    expect(result).toEqual({
      ok: true,
      spec: {
        draw: 1,
        questions: [
          {
            kind: 'single',
            id: 'q1',
            prompt: 'Pick one',
            section: 's',
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
            section: 's',
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
            section: 's',
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
    expect(problemsOf(quiz(null))).toEqual(['A <Quiz> needs at least one <Question>']);
  });

  it('rejects content that is not a question, and duplicate ids', () => {
    const problems = problemsOf(
      quiz(
        <>
          <p>Intro</p>
          <Question section="s" id="q1" prompt="One">
            <Choice correct>A</Choice>
            <Choice>B</Choice>
          </Question>
          <Question section="s" id="q1" prompt="Two">
            <Choice correct>A</Choice>
            <Choice>B</Choice>
          </Question>
        </>,
      ),
    );
    expect(problems).toEqual([
      'A <Quiz> may only contain <Question> and <Generated> elements, but it contains a <p>',
      'Two questions use the id "q1"',
    ]);
  });

  it('checks the number of correct choices for each kind', () => {
    const problems = problemsOf(
      quiz(
        <>
          <Question section="s" id="none" prompt="?">
            <Choice>A</Choice>
            <Choice>B</Choice>
          </Question>
          <Question section="s" id="two" prompt="?">
            <Choice correct>A</Choice>
            <Choice correct>B</Choice>
          </Question>
          <Question section="s" id="lonely" kind="multi" prompt="?">
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
      quiz(
        <>
          <Question section="s" id="n" kind="numeric" prompt="?" tolerance={-1}>
            <Choice>1</Choice>
          </Question>
          {/* @ts-expect-error: testing what a lesson author might write */}
          <Question section="s" kind="essay" prompt="">
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
      quiz(
        <>
          <Question section="s" id="no-tolerance" kind="numeric" prompt="?" answer={3} />
          {/* @ts-expect-error: testing what a lesson author might write */}
          <Question section="s" id="quoted" kind="numeric" prompt="?" answer="3" tolerance={0} />
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
        element('first', 'question', { id: 'q', prompt: 'One?', section: 's' }, [
          element('choice-a', 'choice', { correct: true }),
          element('choice-b', 'choice', {}),
        ]),
        element('second', 'question', {
          id: 'q',
          prompt: 'Two?',
          section: 's',
          kind: 'numeric',
          answer: 2,
          tolerance: -1,
        }),
      ],
      { props: { draw: 1 }, at: 'quiz' },
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
    expect(checkWrittenQuiz([], { props: { draw: 1 }, at: 'quiz' })).toMatchObject({
      ok: false,
      problems: [{ at: 'quiz' }],
    });
    expect(
      checkWrittenQuiz(
        [element('q', 'question', { id: 'n', prompt: '?', section: 's', kind: 'numeric', answer: 1 })],
        { props: null, at: 'quiz' },
      ),
    ).toMatchObject({
      ok: false,
      problems: [{ at: 'q', attribute: undefined, fix: 'add tolerance={0} for an exact answer' }],
    });
  });
});

describe('quiz pools', () => {
  const question = (id: string, section = 'replication-lag') => (
    <Question key={id} id={id} section={section} prompt="?">
      <Choice correct>A</Choice>
      <Choice>B</Choice>
    </Question>
  );
  const questions = (count: number) => Array.from({ length: count }, (_, index) => question(`q${index}`));

  it('draws `draw` questions per attempt from a pool at least twice that size', () => {
    const result = extractQuizSpec({ draw: 2, children: questions(4) });
    expect(result).toMatchObject({ ok: true, spec: { draw: 2 } });
    expect(problemsOf(extractQuizSpec({ draw: 2, children: questions(3) }))).toEqual([
      'A <Quiz> that asks 2 questions needs a pool of at least 4, but has 3',
    ]);
  });

  it('needs draw as a whole number, says what to write when it is missing, and knows only from="course"', () => {
    expect(problemsOf(extractQuizSpec({ children: questions(5) }))).toEqual([
      'A <Quiz> needs draw={…}: how many of its 5 questions one attempt asks',
    ]);
    expect(problemsOf(extractQuizSpec({ draw: 1.5, from: 'everything', children: questions(5) }))).toEqual([
      'A <Quiz> has from="everything"; the only value is "course"',
      'A <Quiz> needs draw={a whole number of 1 or more}, got 1.5',
    ]);
  });

  it('lets the final test (from="course") ask more than half its own pool, since every lesson adds to it', () => {
    expect(extractQuizSpec({ draw: 12, from: 'course', children: questions(3) })).toMatchObject({
      ok: true,
      spec: { draw: 12, from: 'course' },
    });
  });

  it('needs a section on every question, for the student who gets it wrong', () => {
    expect(
      problemsOf(
        quiz(
          <>
            {question('q0')}
            <Question id="no-section" prompt="?">
              <Choice correct>A</Choice>
              <Choice>B</Choice>
            </Question>
          </>,
        ),
      ),
    ).toEqual([
      'Question "no-section" needs a section: the heading a student who got it wrong should reread',
    ]);
  });

  it("reads a pool module's questions without a quiz around them, by the same rules", () => {
    expect(extractPoolQuestions(questions(3))).toMatchObject({
      ok: true,
      questions: [{ id: 'q0', section: 'replication-lag' }, { id: 'q1' }, { id: 'q2' }],
    });
    expect(
      problemsOf(
        extractPoolQuestions(
          <>
            {question('same')}
            {question('same')}
          </>,
        ),
      ),
    ).toEqual(['Two questions use the id "same"']);
  });
});
