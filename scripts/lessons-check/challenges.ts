/**
 * Checks <Challenge id="…"> placements: the id names a challenge of src/course/challenges/catalog.ts, the
 * challenge belongs to this lesson, its definition is playable (scenario and overrides resolve, its goal
 * names checks the scenario's protocol has, its budget is sensible), and an impossible one points to a
 * section of this lesson.
 */
import type { Root } from 'mdast';
import { challengeProblems } from '../../src/engine/analysis/challenges/index.ts';
import { challengeById, challenges } from '../../src/course/challenges/catalog.ts';
import { readAttributes } from './literals.ts';
import { closest, type OffsetProblem } from './problems.ts';
import { elementsNamed, offsetOf } from './tree.ts';

export function checkChallenges(
  tree: Root,
  lessonId: string | undefined,
  sectionIds: readonly string[],
): OffsetProblem[] {
  const problems: OffsetProblem[] = [];
  for (const { element } of elementsNamed(tree, 'Challenge')) {
    const offset = offsetOf(element);
    const id = readAttributes(element.attributes).values.get('id');
    const known = challenges.map((challenge) => challenge.id);
    if (typeof id !== 'string') {
      problems.push({
        offset,
        message: '<Challenge> needs id="…" naming a challenge',
        fix: `write one of: ${known.join(', ')}`,
      });
      continue;
    }
    const challenge = challengeById(id);
    if (!challenge) {
      const guess = closest(id, known);
      problems.push({
        offset,
        message: `<Challenge id="${id}"> names no challenge`,
        fix: guess
          ? `did you mean "${guess}"?`
          : `add it to src/course/challenges/catalog.ts, or use one of: ${known.join(', ')}`,
      });
      continue;
    }
    for (const problem of challengeProblems(challenge))
      problems.push({
        offset,
        message: `challenge "${id}": ${problem}`,
        fix: 'correct its definition in src/course/challenges/catalog.ts',
      });
    if (lessonId !== undefined && challenge.lesson !== lessonId)
      problems.push({
        offset,
        message: `challenge "${id}" belongs to the lesson "${challenge.lesson}", not "${lessonId}"`,
        fix: `place it in that lesson, or change its lesson to "${lessonId}" in src/course/challenges/catalog.ts`,
      });
    if (challenge.impossible && !sectionIds.includes(challenge.impossible.section))
      problems.push({
        offset,
        message: `challenge "${id}" explains itself with the section #${challenge.impossible.section}, which this lesson does not have`,
        fix: `use one of: ${sectionIds.join(', ')}`,
      });
  }
  return problems;
}
