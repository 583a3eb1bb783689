/** One mistake in a lesson: where it is, what is wrong, and how to fix it. */
export interface LessonProblem {
  /** The lesson's path as shown to the author, e.g. `lessons/03-partitioning.mdx`. */
  file: string;
  line: number;
  column: number;
  message: string;
  fix: string;
}

/** A problem found inside one lesson, located by offset in its source; the file and line are added later. */
export interface OffsetProblem {
  offset: number;
  message: string;
  fix: string;
}

/** Turns offsets into 1-based lines and columns for one source text. */
export function lineIndex(source: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i += 1) if (source[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}

/**
 * `file:line:column: message` then the fix on the next line, one blank line between problems, and a count:
 * the format editors and terminals turn into clickable locations.
 */
export function formatProblems(problems: readonly LessonProblem[]): string {
  const blocks = problems.map(
    (problem) =>
      `${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n  fix: ${problem.fix}`,
  );
  const files = new Set(problems.map((problem) => problem.file)).size;
  const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'lesson' : 'lessons'}`;
  return `${blocks.join('\n\n')}\n\n${count}`;
}

/**
 * The candidate the author most likely meant: the shortest one that starts with `word` (a shortened id),
 * else the shortest that contains it, else the closest by edit distance if close enough to be a typo.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const shortest = (found: readonly string[]) => found.reduce((a, b) => (b.length < a.length ? b : a));
  if (lower) {
    const extended = candidates.filter((candidate) => candidate.toLowerCase().startsWith(lower));
    if (extended.length > 0) return shortest(extended);
    const containing = candidates.filter((candidate) => candidate.toLowerCase().includes(lower));
    if (containing.length > 0) return shortest(containing);
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
