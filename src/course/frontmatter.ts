import { z } from 'zod';
import { formatPath } from './formatPath.ts';

const nonEmptyText = z.string({ error: 'expected text' }).trim().min(1, { error: 'expected non-empty text' });

/** The frontmatter every lesson in `lessons/*.mdx` must start with. Checked at build time. */
export const lessonFrontmatterSchema = z.strictObject({
  id: z
    .string({ error: 'expected text' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'expected a kebab-case id such as "leader-election"' }),
  title: nonEmptyText,
  order: z
    .number({ error: 'expected a number' })
    .int({ error: 'expected a whole number' })
    .positive({ error: 'expected a number greater than 0' }),
  summary: nonEmptyText,
  minutes: z
    .number({ error: 'expected a number' })
    .int({ error: 'expected a whole number of minutes' })
    .positive({ error: 'expected a number greater than 0' }),
  objectives: z
    .array(nonEmptyText, { error: 'expected a list of learning objectives' })
    .min(1, { error: 'expected at least one learning objective' }),
  passMark: z
    .number({ error: 'expected a number' })
    .gt(0, { error: 'expected a fraction above 0 and at most 1, such as 0.7' })
    .lte(1, { error: 'expected a fraction above 0 and at most 1, such as 0.7' })
    .default(0.7),
  final: z
    .literal(true, { error: 'expected true (leave the field out for a lesson that is not the final test)' })
    .optional(),
});

export type LessonFrontmatter = z.output<typeof lessonFrontmatterSchema>;

const frontmatterFields = Object.keys(lessonFrontmatterSchema.shape);

/** One problem with a lesson's frontmatter: the field it is about (e.g. `["objectives", 1]`) and a readable sentence. */
export interface FrontmatterProblem {
  path: readonly (string | number)[];
  message: string;
}

export type FrontmatterResult =
  { ok: true; frontmatter: LessonFrontmatter } | { ok: false; problems: FrontmatterProblem[] };

/** Validates parsed YAML and describes every problem as `field "name": what was expected, got what`. */
export function checkFrontmatter(data: unknown): FrontmatterResult {
  const result = lessonFrontmatterSchema.safeParse(data);
  if (result.success) return { ok: true, frontmatter: result.data };
  return { ok: false, problems: result.error.issues.flatMap((issue) => describeIssue(issue, data)) };
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): FrontmatterProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [key],
      message: `frontmatter field "${key}" is not recognised (allowed fields: ${frontmatterFields.join(', ')})`,
    }));
  }
  const path = issue.path.filter((key) => typeof key !== 'symbol');
  const field = formatPath(path);
  const value = valueAt(data, path);
  if (value === undefined)
    return [{ path, message: `frontmatter field "${field}" is missing: ${issue.message}` }];
  return [{ path, message: `frontmatter field "${field}": ${issue.message}, got ${JSON.stringify(value)}` }];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
