/**
 * How long a lesson takes, computed from what it asks of the student, and the check that its stated
 * `minutes` is honest. The rule is stated for authors in docs/authoring.md ("Reading time").
 */
import type { Root } from 'mdast';
import { lessonExerciseNames } from '../../src/mdx/componentNames.ts';
import type { OffsetProblem } from './problems.ts';
import { withoutSources } from './sources.ts';
import { isJsxElement, walk } from './tree.ts';

/** Technical prose is read more slowly than the 238 words a minute adults average on non-fiction. */
export const wordsPerMinute = 200;
/** Playing a simulation, pausing, clicking nodes and comparing the two sides of a compare embed. */
export const minutesPerSimulation = 2;
/** One numbered instruction ("Press Play", "Click n2 and read its lag") or one guided <Step>. */
export const minutesPerStep = 0.5;
/** The stated minutes may differ from the computed ones by this share, or by one minute if that is more. */
export const toleratedShare = 0.2;

export interface LessonWorkload {
  /** Words the student reads: text, quiz prompts and the reasons shown after an answer; not code, not the Sources list. */
  words: number;
  /** <Simulation> embeds and interactive exercises. */
  simulations: number;
  /** Numbered instructions and guided steps. */
  steps: number;
}

export function readingMinutes({ words, simulations, steps }: LessonWorkload): number {
  return Math.max(
    1,
    Math.round(words / wordsPerMinute + simulations * minutesPerSimulation + steps * minutesPerStep),
  );
}

/** Attributes whose text the student reads: question prompts, and the reason shown for each choice. */
const readAttributes = new Set(['prompt', 'why']);

export function lessonWorkload(tree: Root): LessonWorkload {
  let words = 0;
  let simulations = 0;
  let steps = 0;
  walk(withoutSources(tree), (node) => {
    if (node.type === 'text' || node.type === 'inlineCode') words += countWords(node.value);
    if (node.type === 'list' && node.ordered) steps += node.children.length;
    if (!isJsxElement(node)) return;
    if (node.name === 'Simulation' || lessonExerciseNames.includes(node.name ?? '')) simulations += 1;
    if (node.name === 'Step') steps += 1;
    for (const attribute of node.attributes)
      if (
        attribute.type === 'mdxJsxAttribute' &&
        readAttributes.has(attribute.name) &&
        typeof attribute.value === 'string'
      )
        words += countWords(attribute.value);
  });
  return { words, simulations, steps };
}

function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** A problem at the `minutes` field when the stated time is off by more than the tolerance; the fix gives the number to write. */
export function readingTimeProblem(tree: Root, statedMinutes: number, offset: number): OffsetProblem | null {
  const workload = lessonWorkload(tree);
  const computed = readingMinutes(workload);
  if (Math.abs(statedMinutes - computed) <= Math.max(toleratedShare * computed, 1)) return null;
  return {
    offset,
    message: `frontmatter field "minutes" says ${statedMinutes}, but the lesson takes about ${computed} minutes (${counted(workload.words, 'word')} at ${wordsPerMinute} a minute, ${counted(workload.simulations, 'simulation or exercise', 'simulations or exercises')} at ${minutesPerSimulation} minutes, ${counted(workload.steps, 'step')} at ${minutesPerStep * 60} seconds)`,
    fix: `write minutes: ${computed}`,
  };
}
