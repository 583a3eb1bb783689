/**
 * Generated questions, in the way VisuAlgo draws its quizzes: a template draws its parameters from a seed
 * (random N, R and W; a random partition; random keys and split points…), words the question for them, and
 * names the simulation runs that decide the answer. The answer is read from those runs through the
 * measures (src/engine/analysis/measures), never from a formula written beside the engine: in the page the
 * runs go to the simulation worker, in tests to the engine in Node.
 */
import type {
  MeasureRequest,
  MeasureResult,
  MeasureValue,
  RunSpec,
} from '../../engine/analysis/measures/types.ts';
import { seededRandom } from '../shuffle.ts';

/** The question as the student reads it, before its answer is known. */
export type AskedQuestion =
  | { kind: 'single'; prompt: string; choices: string[] }
  | { kind: 'numeric'; prompt: string; unit?: string; tolerance: number };

/** One simulation run and the measures to read from it. */
export interface TemplateRun {
  run: RunSpec;
  requests: MeasureRequest[];
}

export interface QuestionTemplate<Params> {
  /** Stable: lessons write <Generated template="…">, and review asks a fresh variant of the same id. */
  id: string;
  /** What the template asks, one sentence (docs and lessons:check messages). */
  description: string;
  /** Draws one variant's parameters; every random choice comes from `random`, so a seed replays it. */
  draw(random: () => number): Params;
  ask(params: Params): AskedQuestion;
  /** The runs that decide the answer. */
  runs(params: Params): TemplateRun[];
  /**
   * Reads the answer off the runs' measured values (`measured[run][request]`): for a single-choice question
   * the index of the right choice, for a numeric one the number. Null when the runs do not decide it,
   * which the template tests treat as a bug.
   */
  answer(params: Params, measured: readonly (readonly MeasureValue[])[]): number | null;
  /** Shown once the quiz is passed: why the answer is what the run gave. */
  explain(params: Params, answer: number): string;
}

// Templates differ in their parameters; the registry holds them side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTemplate = QuestionTemplate<any>;

/** One drawn instance of a template: its seed, its parameters and its wording. */
export interface Variant {
  templateId: string;
  seed: string;
  params: unknown;
  asked: AskedQuestion;
}

export function variantOf(template: AnyTemplate, seed: string): Variant {
  const params: unknown = template.draw(seededRandom(`${template.id}/${seed}`));
  return { templateId: template.id, seed, params, asked: template.ask(params) };
}

/** Reads measures from a run: the simulation worker in the page, computeMeasures in Node. */
export type RunMeasurer = (run: RunSpec, requests: MeasureRequest[]) => Promise<MeasureResult[]>;

/** A variant's answer, computed by running its simulations; rejects with the reason when they do not decide it. */
export async function answerOf(
  template: AnyTemplate,
  variant: Variant,
  measure: RunMeasurer,
): Promise<number> {
  const measured = await Promise.all(
    template.runs(variant.params).map(async ({ run, requests }) => {
      const results = await measure(run, requests);
      return results.map((result) => {
        if (!result.ok) throw new Error(`The simulation for this question failed: ${result.problem}`);
        return result.value;
      });
    }),
  );
  const answer = template.answer(variant.params, measured);
  if (answer === null)
    throw new Error(`The simulation did not decide question "${template.id}" (seed ${variant.seed})`);
  return answer;
}

/** The first value of the first run: the answer's source for a template with one run and one measure. */
export function onlyValue(measured: readonly (readonly MeasureValue[])[]): MeasureValue | undefined {
  return measured[0]?.[0];
}

/** A whole number in [min, max], from a seeded random source. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One item of a list, from a seeded random source. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Node ids n1…nN, as scenarios name them. */
export function nodeIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `n${index + 1}`);
}

/** "n1, n2 and n3". */
export function listNodes(nodes: readonly string[]): string {
  return nodes.length <= 1 ? (nodes[0] ?? '') : `${nodes.slice(0, -1).join(', ')} and ${nodes.at(-1)}`;
}

/** A shuffled copy of a list, from a seeded random source. */
export function shuffleWith<T>(items: readonly T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  return shuffled;
}
