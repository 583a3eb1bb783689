/**
 * Checks a lesson's frontmatter with the course's own schema (src/course/frontmatter.ts) and points each
 * problem at its line in the YAML.
 */
import { isMap, isNode, isPair, isScalar, parseDocument, type Document } from 'yaml';
import {
  checkFrontmatter,
  lessonFrontmatterSchema,
  type LessonFrontmatter,
} from '../../src/course/frontmatter.ts';
import { frontmatterBlock } from '../../src/course/lessonIndex.ts';
import { closest, type OffsetProblem } from './problems.ts';

/** How each field is written, for fix hints. */
const fieldExamples: Record<keyof LessonFrontmatter, string> = {
  id: 'id: leader-election (lowercase words and hyphens; progress is saved under it, so keep it stable)',
  title: 'title: Leader election',
  order: 'order: 3 (a whole number above 0, unique across lessons; gaps are fine)',
  summary: 'summary: One or two sentences for the lesson list.',
  minutes: 'minutes: 15 (a whole number)',
  objectives: 'objectives: followed by one "  - objective" line per learning objective',
  passMark: 'passMark: 0.7 (above 0 and at most 1; leave it out for 0.7)',
  final: 'final: true (only on the final test, the last lesson; otherwise leave it out)',
};
const fieldNames = Object.keys(lessonFrontmatterSchema.shape);

/** The fields other lessons' checks need, each kept when it is valid on its own. */
export type LessonIdentity = Partial<Pick<LessonFrontmatter, 'id' | 'order' | 'final'>>;

export interface FrontmatterCheck {
  frontmatter?: LessonFrontmatter;
  /** From the valid frontmatter, or from the valid fields of an invalid one (so duplicates are still found). */
  identity: LessonIdentity;
  problems: OffsetProblem[];
  /** Where a field's key is written (or the start of the frontmatter when it is missing). */
  fieldOffset: (field: string) => number;
}

/** Reads the frontmatter the way the build does, so a lesson with an MDX syntax error is still checked. */
export function checkLessonFrontmatter(source: string): FrontmatterCheck {
  const block = frontmatterBlock.exec(source);
  if (!block) {
    return {
      problems: [
        {
          offset: 0,
          message: 'missing frontmatter: the file must start with a --- block',
          fix: 'start the file with ---, the fields (id, title, order, summary, minutes, objectives), then --- (npm run new-lesson writes one)',
        },
      ],
      identity: {},
      fieldOffset: () => 0,
    };
  }
  const yamlStart = source.indexOf('\n') + 1;
  const document = parseDocument(block[1] ?? '', { prettyErrors: false });
  const fieldOffset = (field: string) => {
    const located = keyRange(document, field);
    return located === undefined ? 0 : yamlStart + located;
  };

  if (document.errors.length > 0) {
    return {
      problems: document.errors.map((error) => ({
        offset: yamlStart + error.pos[0],
        message: `frontmatter is not valid YAML: ${error.message.split('\n')[0]}`,
        fix: 'write one "field: value" per line; put quotes around text containing ": " or starting with a symbol',
      })),
      identity: {},
      fieldOffset,
    };
  }

  const data: unknown = document.toJS() ?? {};
  const checked = checkFrontmatter(data);
  if (checked.ok)
    return { frontmatter: checked.frontmatter, identity: checked.frontmatter, problems: [], fieldOffset };
  return {
    identity: validFields(data),
    problems: checked.problems.map(({ path, message }) => {
      const field = String(path[0] ?? '');
      const known = field in fieldExamples;
      const suggestion = known ? undefined : closest(field, fieldNames);
      // An unknown field points at its name, a bad value at the value.
      const located = (known ? valueRange(document, path) : undefined) ?? keyRange(document, field);
      return {
        // A missing field points at the opening ---.
        offset: located === undefined ? 0 : yamlStart + located,
        message,
        fix: known
          ? `write it as ${fieldExamples[field as keyof LessonFrontmatter]}`
          : `remove it${suggestion ? `, or correct it to "${suggestion}"` : ''}`,
      };
    }),
    fieldOffset,
  };
}

function keyRange(document: Document, field: string): number | undefined {
  if (!isMap(document.contents)) return undefined;
  const pair = document.contents.items.find(
    (item) => isPair(item) && isScalar(item.key) && item.key.value === field,
  );
  return isNode(pair?.key) ? pair.key.range?.[0] : undefined;
}

function valueRange(document: Document, path: readonly (string | number)[]): number | undefined {
  if (path.length === 0) return undefined;
  const node = document.getIn(path, true);
  return isNode(node) ? node.range?.[0] : undefined;
}

function validFields(data: unknown): LessonIdentity {
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const shape = lessonFrontmatterSchema.shape;
  const id = shape.id.safeParse(fields.id);
  const order = shape.order.safeParse(fields.order);
  const final = shape.final.safeParse(fields.final);
  return {
    ...(id.success ? { id: id.data } : {}),
    ...(order.success ? { order: order.data } : {}),
    ...(final.success && final.data ? { final: final.data } : {}),
  };
}
