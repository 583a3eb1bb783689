import type { GeneratedQuestionSpec, QuestionSpec } from '../quizSpec.ts';
import type { Variant } from './template.ts';

/**
 * A drawn variant as a quiz question, keeping the pool entry's id and section. Until the simulation has
 * given the answer (`answer` undefined) no choice is marked right and a numeric answer is NaN, so nothing
 * can be graded right by accident; the quiz waits for it before grading.
 */
export function questionOfVariant(
  entry: GeneratedQuestionSpec,
  variant: Variant,
  answer: { value: number; explanation: string } | undefined,
): QuestionSpec {
  const base = {
    id: entry.id,
    section: entry.section,
    prompt: variant.asked.prompt,
    variant: { templateId: variant.templateId, seed: variant.seed },
    ...(answer ? { explanation: answer.explanation } : {}),
  };
  if (variant.asked.kind === 'numeric')
    return {
      ...base,
      kind: 'numeric',
      answer: answer?.value ?? NaN,
      tolerance: variant.asked.tolerance,
      unit: variant.asked.unit,
    };
  return {
    ...base,
    kind: 'single',
    choices: variant.asked.choices.map((label, index) => ({
      index,
      correct: index === answer?.value,
      content: label,
    })),
  };
}
