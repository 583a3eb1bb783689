/**
 * Generated questions in a quiz or in review: each drawn <Generated> entry gets its variant from a seed
 * (a new one on every attempt), and its answer from running the template's simulations in the worker,
 * through the page's measure service (src/predict/measureService.ts). Until the answer is in, the
 * question says so and the quiz does not grade it.
 */
import { useContext, useEffect, useState, type ReactNode } from 'react';
import { questionOfVariant } from '../course/generated/asQuestion.ts';
import { answerOf, variantOf, type RunMeasurer, type Variant } from '../course/generated/template.ts';
import { questionTemplates } from '../course/generated/templates/index.ts';
import type { PoolQuestionSpec, QuestionSpec } from '../course/quizSpec.ts';
import { MeasureServiceContext, type MeasureService } from '../predict/measureService.ts';

type Answered = { ok: true; value: number; explanation: string } | { ok: false; problem: string };

export interface DrawnQuestions {
  /** The questions as asked: written ones as they are, generated ones with this attempt's parameters. */
  questions: QuestionSpec[];
  /** Ids of generated questions whose answer the simulation has not given yet. */
  pending: string[];
  /** What to show under a generated question. */
  noticeFor(question: QuestionSpec): ReactNode;
}

const variantKey = (variant: Variant) => `${variant.templateId}\u0000${variant.seed}`;

function measurerOf(service: MeasureService): RunMeasurer {
  return (run, requests) => Promise.all(requests.map((request) => service(run, request)));
}

/** `seedOf(id)` seeds each generated question's parameters: the quiz passes one per attempt. */
export function useDrawnQuestions(
  pool: readonly PoolQuestionSpec[],
  seedOf: (questionId: string) => string,
): DrawnQuestions {
  const service = useContext(MeasureServiceContext);
  const variants = pool.map((entry) =>
    entry.kind === 'generated' ? variantOf(questionTemplates.get(entry.template)!, seedOf(entry.id)) : null,
  );
  const variantsKey = JSON.stringify(variants.map((variant) => variant && variantKey(variant)));
  const [answers, setAnswers] = useState<ReadonlyMap<string, Answered>>(new Map());

  useEffect(() => {
    let current = true;
    for (const variant of variants) {
      if (!variant || answers.has(variantKey(variant))) continue;
      const template = questionTemplates.get(variant.templateId)!;
      void answerOf(template, variant, measurerOf(service))
        .then((value): Answered => ({
          ok: true,
          value,
          explanation: template.explain(variant.params, value),
        }))
        .catch((error: unknown): Answered => ({
          ok: false,
          problem: error instanceof Error ? error.message : String(error),
        }))
        .then((answered) => {
          if (current) setAnswers((previous) => new Map(previous).set(variantKey(variant), answered));
        });
    }
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [variantsKey, service]);

  const answerOfEntry = (index: number) => {
    const variant = variants[index];
    return variant ? answers.get(variantKey(variant)) : undefined;
  };
  const questions = pool.map((entry, index): QuestionSpec => {
    if (entry.kind !== 'generated') return entry;
    const answered = answerOfEntry(index);
    return questionOfVariant(entry, variants[index]!, answered?.ok ? answered : undefined);
  });
  const byId = new Map(pool.map((entry, index) => [entry.id, answerOfEntry(index)]));
  return {
    questions,
    pending: pool
      .filter((entry, index) => entry.kind === 'generated' && !answerOfEntry(index)?.ok)
      .map((entry) => entry.id),
    noticeFor(question) {
      if (!question.variant) return null;
      const answered = byId.get(question.id);
      if (!answered)
        return (
          <p className="question__hint question__generated" role="status">
            Working out the answer by running the simulation…
          </p>
        );
      if (!answered.ok)
        return (
          <p className="question__hint question__generated" role="alert">
            This question could not be prepared ({answered.problem}). Reload the page to draw it again.
          </p>
        );
      return (
        <p className="question__hint question__generated">
          Its numbers are drawn for this attempt; the answer comes from running the simulation with them.
        </p>
      );
    },
  };
}
