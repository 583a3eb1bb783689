import { slugify } from '../course/slug.ts';

/**
 * What lessons may write, known without loading React: the lesson checker (in Node) reads these lists to
 * catch a misspelt component, which would otherwise break the whole lesson at run time. The registry in
 * components.tsx is type-checked to provide exactly these components.
 */
export const lessonComponentNames = [
  'Quiz',
  'Question',
  'Generated',
  'Choice',
  'Explain',
  'Callout',
  'KeyTerm',
  'Simulation',
  'Compare',
  'Predict',
  'WhatYouSaw',
  'Measured',
  'Steps',
  'Step',
  'ShardKeyChooser',
  'WhichDatabase',
  'Challenge',
] as const;
export type LessonComponentName = (typeof lessonComponentNames)[number];

/** The interactive exercises among them: each counts like a simulation in a lesson's reading time. */
export const lessonExerciseNames: readonly string[] = [
  'ShardKeyChooser',
  'WhichDatabase',
] satisfies LessonComponentName[];

export const calloutKinds = ['note', 'tip', 'warning', 'predict'] as const;
export type CalloutKind = (typeof calloutKinds)[number];

/** The anchor of a <KeyTerm>, so a lesson can link to `#term-shard`. */
export function keyTermId(term: string): string {
  return `term-${slugify(term)}`;
}
