import { describe, expect, it } from 'vitest';
import { buildLessonIndex, LessonIndexError } from './lessonIndex.ts';

const validFields = {
  id: 'leader-election',
  title: 'Leader election',
  order: '3',
  summary: 'How a cluster picks a leader.',
  minutes: '15',
  objectives: '\n  - Explain terms\n  - Explain votes',
};

function lessonSource(fields: Record<string, string | undefined>, body = '\nSome text.\n') {
  const yaml = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
  return `---\n${yaml}\n---\n${body}`;
}

function problemsFor(source: string, file = 'lessons/03-x.mdx'): readonly string[] {
  try {
    buildLessonIndex([{ file, source }]);
  } catch (error) {
    expect(error).toBeInstanceOf(LessonIndexError);
    return (error as LessonIndexError).problems;
  }
  throw new Error('expected the lesson to be rejected');
}

describe('buildLessonIndex', () => {
  it('reads valid frontmatter, fills in the default pass mark and notices the quiz', () => {
    const [lesson] = buildLessonIndex([
      { file: 'lessons/03-x.mdx', source: lessonSource(validFields, '\n<Quiz>\n</Quiz>\n') },
    ]);
    expect(lesson).toEqual({
      id: 'leader-election',
      title: 'Leader election',
      order: 3,
      summary: 'How a cluster picks a leader.',
      minutes: 15,
      objectives: ['Explain terms', 'Explain votes'],
      passMark: 0.7,
      file: 'lessons/03-x.mdx',
      hasQuiz: true,
    });
  });

  it('names the file and the field, quoting the bad value', () => {
    expect(problemsFor(lessonSource({ ...validFields, minutes: 'ten' }))).toEqual([
      'lessons/03-x.mdx: frontmatter field "minutes": expected a number, got "ten"',
    ]);
  });

  it.each([
    ['id', 'Leader_Election', 'frontmatter field "id": expected a kebab-case id'],
    ['title', '""', 'frontmatter field "title": expected non-empty text'],
    ['order', '0', 'frontmatter field "order": expected a number greater than 0, got 0'],
    ['order', '1.5', 'frontmatter field "order": expected a whole number, got 1.5'],
    ['summary', '42', 'frontmatter field "summary": expected text, got 42'],
    ['minutes', '-5', 'frontmatter field "minutes": expected a number greater than 0, got -5'],
    ['objectives', '[]', 'frontmatter field "objectives": expected at least one learning objective, got []'],
    ['objectives', 'learn things', 'frontmatter field "objectives": expected a list of learning objectives'],
    ['passMark', '1.5', 'frontmatter field "passMark": expected a fraction above 0 and at most 1'],
    ['passMark', '0', 'frontmatter field "passMark": expected a fraction above 0 and at most 1'],
    ['final', 'false', 'frontmatter field "final": expected true'],
  ])('rejects a bad "%s" (%s)', (field, value, message) => {
    const [problem] = problemsFor(lessonSource({ ...validFields, [field]: value }, '\n<Quiz></Quiz>\n'));
    expect(problem).toContain(`lessons/03-x.mdx: ${message}`);
  });

  it('names a bad entry inside the objectives list', () => {
    const [problem] = problemsFor(lessonSource({ ...validFields, objectives: '\n  - Fine\n  - 3' }));
    expect(problem).toBe('lessons/03-x.mdx: frontmatter field "objectives[1]": expected text, got 3');
  });

  it('names every missing field', () => {
    const problems = problemsFor(lessonSource({ ...validFields, summary: undefined, minutes: undefined }));
    expect(problems).toEqual([
      'lessons/03-x.mdx: frontmatter field "summary" is missing: expected text',
      'lessons/03-x.mdx: frontmatter field "minutes" is missing: expected a number',
    ]);
  });

  it('rejects unknown fields, which are usually typos', () => {
    const [problem] = problemsFor(lessonSource({ ...validFields, minuts: '10' }));
    expect(problem).toMatch(
      /^lessons\/03-x\.mdx: frontmatter field "minuts" is not recognised \(allowed fields: id, /,
    );
  });

  it('rejects a file without frontmatter or with broken YAML', () => {
    expect(problemsFor('# Hello\n')).toEqual([
      'lessons/03-x.mdx: missing frontmatter: the file must start with a --- block',
    ]);
    expect(problemsFor('---\ntitle: [unclosed\n---\n')[0]).toMatch(
      /^lessons\/03-x\.mdx: frontmatter is not valid YAML/,
    );
  });

  it('rejects duplicate ids and duplicate orders across files', () => {
    let error: LessonIndexError | undefined;
    try {
      buildLessonIndex([
        { file: 'lessons/01-a.mdx', source: lessonSource({ ...validFields, order: '1' }) },
        { file: 'lessons/02-b.mdx', source: lessonSource({ ...validFields, order: '1' }) },
      ]);
    } catch (caught) {
      error = caught as LessonIndexError;
    }
    expect(error?.problems).toEqual([
      'lessons/02-b.mdx: frontmatter field "id": "leader-election" is already used by lessons/01-a.mdx',
      'lessons/02-b.mdx: frontmatter field "order": 1 is already used by lessons/01-a.mdx',
    ]);
    expect(error?.message).toContain('lessons/02-b.mdx: frontmatter field "id"');
  });

  it('allows one quiz per lesson, ignoring quizzes shown in code', () => {
    const fenced = '\n```mdx\n<Quiz></Quiz>\n```\n\nUse `<Quiz>` like this.\n\n<Quiz>\n</Quiz>\n';
    expect(
      buildLessonIndex([{ file: 'lessons/03-x.mdx', source: lessonSource(validFields, fenced) }])[0]?.hasQuiz,
    ).toBe(true);
    expect(problemsFor(lessonSource(validFields, '\n<Quiz></Quiz>\n<Quiz></Quiz>\n'))).toEqual([
      'lessons/03-x.mdx: has 2 <Quiz> blocks; a lesson may have at most one',
    ]);
  });

  it('requires the final test to have a quiz and to come last', () => {
    expect(problemsFor(lessonSource({ ...validFields, final: 'true' }))).toEqual([
      'lessons/03-x.mdx: is marked final: true but has no <Quiz>',
    ]);
    let error: LessonIndexError | undefined;
    try {
      buildLessonIndex([
        {
          file: 'lessons/01-final.mdx',
          source: lessonSource({ ...validFields, order: '1', final: 'true' }, '<Quiz></Quiz>'),
        },
        { file: 'lessons/02-after.mdx', source: lessonSource({ ...validFields, id: 'after', order: '2' }) },
      ]);
    } catch (caught) {
      error = caught as LessonIndexError;
    }
    expect(error?.problems).toEqual([
      'lessons/01-final.mdx: the final test must come last, but another lesson has a higher "order"',
    ]);
  });

  it('returns lessons in course order', () => {
    const lessons = buildLessonIndex([
      { file: 'lessons/b.mdx', source: lessonSource({ ...validFields, id: 'second', order: '2' }) },
      { file: 'lessons/a.mdx', source: lessonSource({ ...validFields, id: 'first', order: '1' }) },
    ]);
    expect(lessons.map((lesson) => lesson.id)).toEqual(['first', 'second']);
  });
});
