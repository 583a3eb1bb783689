/**
 * What a lesson really embeds and asks, read from the compiled lesson itself, so that claim tests run
 * each simulation with exactly the overrides its <Simulation> has and check each quiz answer that comes
 * from a simulation against exactly the number the quiz accepts. Editing a lesson's embed or answer
 * without re-checking the claim then fails a test instead of silently drifting.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import type { ScenarioOverrides } from '../../engine/scenarios/schema';
import { mdxComponents } from '../../mdx/components.tsx';
import { findLesson, loadLesson } from '../lessons.ts';
import { extractQuizSpec, type NumericQuestionSpec, type QuestionSpec } from '../quizSpec.ts';

/** <Simulation> props that only change how the embed looks, not what the simulation does. */
const displayProps = new Set(['id', 'title', 'caption', 'views', 'controls', 'autoplay', 'speed', 'compare', 'children']);

export interface Embed {
  scenario: string;
  overrides: ScenarioOverrides;
  /** The other side of a compare embed: the same scenario with these overrides on top. */
  compare?: ScenarioOverrides;
}

export interface LessonContent {
  /** The embed with this `id` prop. */
  embed(id: string): Embed;
  /** The numeric question with this id. */
  numericQuestion(id: string): NumericQuestionSpec;
  /** Every embed, in page order. */
  embeds: Embed[];
}

function overridesOf(props: Record<string, unknown>): ScenarioOverrides {
  return Object.fromEntries(
    Object.entries(props).filter(([name]) => !displayProps.has(name) && name !== 'scenario'),
  ) as ScenarioOverrides;
}

export async function readLesson(lessonId: string): Promise<LessonContent> {
  const lesson = findLesson(lessonId);
  if (!lesson) throw new Error(`No lesson with id "${lessonId}"`);
  const { default: Content } = await loadLesson(lesson);
  const embeds = new Map<string, Embed>();
  const inOrder: Embed[] = [];
  const questions: QuestionSpec[] = [];

  renderToStaticMarkup(
    <MemoryRouter>
      <Content
        components={{
          ...mdxComponents,
          Simulation: (props: Record<string, unknown>) => {
            const embed: Embed = {
              scenario: String(props.scenario),
              overrides: overridesOf(props),
              ...(props.compare ? { compare: overridesOf(props.compare as Record<string, unknown>) } : {}),
            };
            inOrder.push(embed);
            embeds.set(String(props.id ?? props.scenario), embed);
            return null;
          },
          Quiz: ({ children }: { children?: ReactNode }) => {
            const result = extractQuizSpec(children);
            if (!result.ok) throw new Error(`${lesson.file}: ${result.problems.join('; ')}`);
            questions.push(...result.spec.questions);
            return null;
          },
        }}
      />
    </MemoryRouter>,
  );

  return {
    embeds: inOrder,
    embed(id) {
      const embed = embeds.get(id);
      if (!embed) throw new Error(`${lesson.file} has no <Simulation id="${id}"> (it has: ${[...embeds.keys()].join(', ')})`);
      return embed;
    },
    numericQuestion(id) {
      const question = questions.find((candidate) => candidate.id === id);
      if (question?.kind !== 'numeric') throw new Error(`${lesson.file} has no numeric question "${id}"`);
      return question;
    },
  };
}
