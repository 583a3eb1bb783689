import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measures } from '../../src/engine/analysis/measures/registry.ts';
import { lessonComponentNames } from '../../src/mdx/componentNames.ts';
import { checkLessons, type LessonSource } from './checkLessons.ts';
import { formatProblems } from './problems.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');

function fixture(name: string): LessonSource {
  return { file: `fixtures/${name}.mdx`, source: readFileSync(path.join(fixtures, `${name}.mdx`), 'utf8') };
}

/** Checks the named fixtures next to valid.mdx (a link target and id to clash with); returns one line per problem. */
function problemsIn(...names: string[]): string[] {
  const problems = checkLessons([fixture('valid'), ...names.map(fixture)], {
    publicFileExists: (urlPath) => urlPath === '/images/ring.svg',
  });
  return problems.map(
    (problem) =>
      `${problem.file}:${problem.line}:${problem.column}: ${problem.message} | fix: ${problem.fix}`,
  );
}

describe('lessons:check', () => {
  it('passes a lesson that uses every feature correctly', () => {
    expect(problemsIn()).toEqual([]);
  });

  it('checks guided steps: the embed they name, each moment, its nodes, compare steps at times, and stray steps', () => {
    expect(problemsIn('steps-bad')).toEqual([
      'fixtures/steps-bad.mdx:15:1: <Steps for="raft-crsh">: this lesson has no <Simulation> or <Compare> with id="raft-crsh" | fix: did you mean "raft-crash"? the embeds with an id here are: raft-crash, cap',
      'fixtures/steps-bad.mdx:16:9: step 1: pauseAt="when it feels right": "when it feels right" is not a moment: write a time ("1.9 s"), "n1 crashes", "n1 restarts", "new leader", "n2 becomes leader", "first PREPARE", "a request fails" or "note: some text", optionally ending in "after 3 s" | fix: write a moment such as "1.9 s", "n1 crashes", "new leader after 2 s" or "first PREPARE" (docs/authoring.md#guided-steps)',
      'fixtures/steps-bad.mdx:20:9: step 1: pauseAt names node "n9", which the embed\'s scenario does not have | fix: name one of n1, n2, n3, n4, n5',
      'fixtures/steps-bad.mdx:24:9: step 1: a <Compare>\'s two runs share one clock, so its steps pause at times, not at events like "new leader" | fix: write the time the event happens, e.g. pauseAt="2 s"',
      'fixtures/steps-bad.mdx:27:1: <Step> must be placed inside a <Steps for="embed-id"> | fix: wrap the step list in <Steps for="…"> … </Steps>, naming the embed it guides',
    ]);
  });

  it.each([
    [
      'frontmatter-bad-value',
      'fixtures/frontmatter-bad-value.mdx:6:10: frontmatter field "minutes": expected a number, got "ten" | fix: write it as minutes: 15 (a whole number)',
    ],
    [
      'frontmatter-unknown-field',
      'fixtures/frontmatter-unknown-field.mdx:7:1: frontmatter field "minuts" is not recognised (allowed fields: id, title, order, summary, minutes, objectives, passMark, final) | fix: remove it, or correct it to "minutes"',
    ],
    [
      'frontmatter-missing',
      'fixtures/frontmatter-missing.mdx:1:1: missing frontmatter: the file must start with a --- block | fix: start the file with ---, the fields (id, title, order, summary, minutes, objectives), then --- (npm run new-lesson writes one)',
    ],
    [
      'frontmatter-pass-mark',
      'fixtures/frontmatter-pass-mark.mdx:9:11: frontmatter field "passMark": expected a fraction above 0 and at most 1, such as 0.7, got 70 | fix: write it as passMark: 0.7 (above 0 and at most 1; leave it out for 0.7)',
    ],
    [
      'syntax-unclosed-tag',
      'fixtures/syntax-unclosed-tag.mdx:13:1: MDX syntax error: Expected a closing tag for `<Callout>` (13:1-13:21) | fix: close the tag with its matching </Name>, or end it with /> if it wraps nothing (<Simulation … />)',
    ],
    [
      'quiz-single-two-correct',
      'fixtures/quiz-single-two-correct.mdx:12:3: Question "two-right" is single-choice and needs exactly one <Choice correct>, but has 2 | fix: keep correct on one choice only, or add kind="multi" to make it select-all-that-apply',
    ],
    [
      'quiz-multi-no-correct',
      'fixtures/quiz-multi-no-correct.mdx:12:3: Question "none-right" needs at least one <Choice correct> | fix: mark every right answer with <Choice correct>',
    ],
    [
      'quiz-numeric-no-tolerance',
      'fixtures/quiz-numeric-no-tolerance.mdx:12:3: Question "count" is numeric and needs a tolerance | fix: add tolerance={0} for an exact answer',
    ],
    [
      'quiz-duplicate-question-id',
      'fixtures/quiz-duplicate-question-id.mdx:16:13: Two questions use the id "same" | fix: give each question its own id (saved answers and hints are keyed by it)',
    ],
    [
      'quiz-pool-too-small',
      'fixtures/quiz-pool-too-small.mdx:11:7: A <Quiz> that asks 2 questions needs a pool of at least 4, but has 3 | fix: write 1 more <Question>, or lower draw to 1, so that a retake can ask questions the attempt before did not',
    ],
    [
      'quiz-unknown-section',
      'fixtures/quiz-unknown-section.mdx:13:22: section="valid#copies-everywher": lesson "valid" has no heading or term with the id "copies-everywher" | fix: did you mean "valid#copies-everywhere"?',
    ],
    [
      'quiz-two-quizzes',
      'fixtures/quiz-two-quizzes.mdx:18:1: the lesson has 2 <Quiz> blocks; a lesson may have at most one | fix: merge the questions into one <Quiz> at the end of the lesson',
    ],
    [
      'final-without-quiz',
      'fixtures/final-without-quiz.mdx:9:1: the lesson is marked final: true but has no <Quiz> | fix: add a <Quiz> at the end, or remove final: true',
    ],
    [
      'question-outside-quiz',
      "fixtures/question-outside-quiz.mdx:11:1: <Question> must be placed inside a <Quiz> | fix: move it into the lesson's <Quiz> … </Quiz> block",
    ],
    [
      'simulation-unknown-scenario',
      'fixtures/simulation-unknown-scenario.mdx:11:13: Unknown scenario "broadcast/basc" | fix: did you mean "broadcast/basic"? npm run sim -- --list shows every scenario id; a new scenario is added in code (docs/authoring.md)',
    ],
    [
      'simulation-bad-overrides',
      'fixtures/simulation-bad-overrides.mdx:14:24: <Simulation scenario="broadcast/basic">: faults[0].partition: there is no node "n9" (nodes: n1, n2, n3) | fix: name one of the nodes listed, or give the scenario more nodes with nodes={…}',
    ],
    [
      'simulation-not-literal',
      'fixtures/simulation-not-literal.mdx:11:47: nodes: must be a plain literal, but this is code (BinaryExpression) | fix: write the value itself: "text", 3, -1, true, [1, 2], { r: 2, w: 2 } (no variables, calls or arithmetic)',
    ],
    [
      'simulation-bad-display-props',
      'fixtures/simulation-bad-display-props.mdx:11:47: <Simulation scenario="broadcast/basic">: views: "timeline" is not one of the allowed views: cluster, detail, keyspace, spacetime, history, charts | fix: use one of the names listed',
    ],
    [
      'simulation-bad-speed',
      'fixtures/simulation-bad-speed.mdx:11:47: <Simulation scenario="broadcast/basic">: speed: speed is between 0.1 and 100 | fix: use a value the embed accepts (docs/authoring.md#simulation-display-props-and-compare)',
    ],
    [
      'simulation-caption-contradicted',
      'fixtures/simulation-caption-contradicted.mdx:13:3: <Simulation scenario="intro/single-server">: the caption "80 requests per second": says 80 requests a second, but the run offers 160 | fix: say what this run does (the overrides change the scenario), or leave the number out; the embed shows the run’s own summary above it',
    ],
    [
      'compare-bad-side',
      'fixtures/compare-bad-side.mdx:11:104: <Compare scenario="quorum/partition-one">: right: params.w: W must be between 1 and N (got W=5, N=3) | fix: change the prop so the scenario is valid; try a value first with npm run sim -- quorum/partition-one --set params.w=<value>',
    ],
    [
      'component-unknown',
      `fixtures/component-unknown.mdx:11:1: <Simulaton> is not a lesson component, so the lesson would fail to render | fix: did you mean <Simulation>? the components are ${lessonComponentNames.join(', ')}; new ones are registered in src/mdx/components.tsx`,
    ],
    [
      'callout-bad-kind',
      'fixtures/callout-bad-kind.mdx:11:10: <Callout kind="danger"> is not a kind of callout | fix: use one of kind="note", kind="tip", kind="warning", kind="predict", or leave kind out for a note',
    ],
    [
      'import-statement',
      'fixtures/import-statement.mdx:11:1: lessons do not import or export anything | fix: remove this line: every lesson component is available without an import (docs/authoring.md lists them)',
    ],
    [
      'heading-level-one',
      "fixtures/heading-level-one.mdx:11:1: Use ## for sections: the lesson page already shows the title from the frontmatter as its # heading | fix: use ## for the lesson's sections and ### below them",
    ],
  ])('reports %s with its location and fix', (name, expected) => {
    expect(problemsIn(name)).toEqual([expected]);
  });

  it('reports a stated reading time more than 20% off, with the number to write', () => {
    expect(problemsIn('reading-time-off')).toEqual([
      'fixtures/reading-time-off.mdx:6:1: frontmatter field "minutes" says 30, but the lesson takes about 3 minutes (16 words at 200 a minute, 1 simulation or exercise at 2 minutes, 2 steps at 30 seconds) | fix: write minutes: 3',
    ]);
  });

  it('accepts a stated reading time within 20% (or one minute) of the computed one', () => {
    const off = fixture('reading-time-off');
    for (const minutes of [2, 3, 4]) {
      const lesson = { ...off, source: off.source.replace('minutes: 30', `minutes: ${minutes}`) };
      expect(checkLessons([lesson], { publicFileExists: () => true }), `minutes: ${minutes}`).toEqual([]);
    }
  });

  it('reports a lesson that names a real system but has no Sources list', () => {
    expect(problemsIn('sources-missing')).toEqual([
      'fixtures/sources-missing.mdx:13:1: the lesson names Cassandra, a real system, but has no "## Sources" section | fix: end the lesson with a "## Sources" section: a list with one line per statement about a real system, "statement → public source (title: https://…)"; cut any statement you cannot source',
    ]);
  });

  it('accepts a lesson whose Sources list cites its statements, and does not count the list as reading', () => {
    const missing = fixture('sources-missing');
    const sourced = `${missing.source}\n## Sources\n\n- Per-request consistency levels → Apache Cassandra docs: https://cassandra.apache.org/doc/latest/architecture/dynamo\n`;
    expect(checkLessons([{ ...missing, source: sourced }], { publicFileExists: () => true })).toEqual([]);
    const headingOnly = `${missing.source}\n## Sources\n\nTo do.\n`;
    expect(
      checkLessons([{ ...missing, source: headingOnly }], { publicFileExists: () => true })[0]?.message,
    ).toBe('the lesson names Cassandra, a real system, but its "## Sources" section has no list');
  });

  it('accepts a valid inline scenario', () => {
    expect(problemsIn('simulation-inline-scenario')).toEqual([]);
  });

  it('checks the fields of an inline scenario, inside the object', () => {
    expect(problemsIn('simulation-inline-invalid')).toEqual([
      'fixtures/simulation-inline-invalid.mdx:17:5: <Simulation> inline scenario: durationMs: Too small: expected number to be >=1 | fix: fix this field of the scenario (docs/authoring.md#scenario-fields describes every field)',
    ]);
  });

  it('reports an unknown <Simulation> prop, suggesting the likely one', () => {
    const [problem] = problemsIn('simulation-unknown-prop');
    expect(problem).toMatch(
      /^fixtures\/simulation-unknown-prop\.mdx:11:40: <Simulation> has no prop "node" \| fix: did you mean nodes\? Props: scenario, id, title, .*nodes/,
    );
  });

  it('reports a duplicate id and order on the lesson that repeats them', () => {
    expect(problemsIn('duplicate-id-and-order')).toEqual([
      'fixtures/duplicate-id-and-order.mdx:2:1: frontmatter field "id": "valid" is already used by fixtures/valid.mdx | fix: give this lesson its own id (progress is saved under it, so change the newer lesson\'s)',
      'fixtures/duplicate-id-and-order.mdx:4:1: frontmatter field "order": 1 is already used by fixtures/valid.mdx | fix: give this lesson its own order; npm run new-lesson picks the next free one',
    ]);
  });

  it('reports every broken link: unknown lesson, missing section, missing file, relative path', () => {
    expect(problemsIn('link-broken').map((line) => line.split(' | ')[0])).toEqual([
      'fixtures/link-broken.mdx:13:6: link to /lessons/vaild: there is no lesson with id "vaild"',
      'fixtures/link-broken.mdx:13:41: link to /lessons/valid#copies: lesson "valid" has no section or term with the id "copies"',
      'fixtures/link-broken.mdx:13:77: link to ./03-missing.mdx: there is no lesson file 03-missing.mdx in the lessons folder',
      "fixtures/link-broken.mdx:13:108: link to notes.html: a relative link resolves against the page's address and leads nowhere",
    ]);
    expect(problemsIn('link-broken')[0]).toContain('fix: did you mean /lessons/valid?');
    expect(problemsIn('link-broken')[1]).toContain('fix: did you mean #copies-everywhere?');
  });

  it('reports every broken image: missing from public/, from another site, relative', () => {
    expect(problemsIn('image-broken').map((line) => line.split(' | ')[0])).toEqual([
      'fixtures/image-broken.mdx:11:1: image /images/missing.png not found: there is no public/images/missing.png',
      "fixtures/image-broken.mdx:13:1: image https://example.com/ring.png is on another site, and the course's Content-Security-Policy only allows its own images",
      "fixtures/image-broken.mdx:15:6: image diagrams/ring.svg: a relative path resolves against the page's address and is not found",
    ]);
  });

  it('reports every problem of every lesson, not just the first, in source order', () => {
    const all = checkLessons(
      ['quiz-single-two-correct', 'quiz-numeric-no-tolerance', 'simulation-bad-overrides', 'link-broken'].map(
        fixture,
      ),
      { publicFileExists: () => false },
    );
    expect(all.map((problem) => `${problem.file}:${problem.line}`)).toEqual([
      'fixtures/quiz-single-two-correct.mdx:12',
      'fixtures/quiz-numeric-no-tolerance.mdx:12',
      'fixtures/simulation-bad-overrides.mdx:14',
      'fixtures/link-broken.mdx:13',
      'fixtures/link-broken.mdx:13',
      'fixtures/link-broken.mdx:13',
      'fixtures/link-broken.mdx:13',
    ]);
    expect(formatProblems(all).split('\n').at(-1)).toBe('7 problems in 4 lessons');
  });

  it('finds a duplicate id even when another field of that lesson is invalid', () => {
    const badValue = fixture('frontmatter-bad-value');
    const problems = checkLessons(
      [fixture('valid'), { ...badValue, source: badValue.source.replace('id: bad-value', 'id: valid') }],
      {
        publicFileExists: () => true,
      },
    );
    expect(problems.map((problem) => `${problem.line}:${problem.column}: ${problem.message}`)).toEqual([
      '2:1: frontmatter field "id": "valid" is already used by fixtures/valid.mdx',
      '6:10: frontmatter field "minutes": expected a number, got "ten"',
    ]);
  });

  it('still checks the frontmatter of a lesson with a syntax error', () => {
    const broken = fixture('syntax-unclosed-tag');
    const problems = checkLessons(
      [{ ...broken, source: broken.source.replace('minutes: 5', 'minutes: five') }],
      {
        publicFileExists: () => false,
      },
    );
    expect(problems.map((problem) => `${problem.line}:${problem.column}`)).toEqual(['6:10', '13:1']);
  });
});

describe('lessons:check on predictions, "What you saw" and run-bound questions', () => {
  const problems = problemsIn('predict-bad');
  it.each([
    [
      'the embed it names is on the page (with a suggestion)',
      'fixtures/predict-bad.mdx:17:10: <Predict>: for="durabilty" names no <Simulation> on this page | fix: did you mean "durability"? the embeds here are: durability, raft-crash (an embed\'s name is its id="…", or its scenario without one)',
    ],
    [
      'a number prediction has a tolerance',
      'fixtures/predict-bad.mdx:19:66: <Predict kind="number"> needs tolerance={…}: how far from the measured value a prediction still counts as right (0 or more) | fix: see docs/authoring.md#predictions-and-measures',
    ],
    [
      'the measure exists (with a suggestion)',
      `fixtures/predict-bad.mdx:21:97: <Predict> (durability, scenario replication/promote-async-follower): there is no measure "acknowledged-writes-lst"; the measures are: ${[...measures.keys()].join(', ')} | fix: did you mean "acknowledged-writes-lost"? docs/authoring.md#predictions-and-measures lists every measure and its arguments`,
    ],
    [
      "the measure applies to the embed's scenario family",
      'fixtures/predict-bad.mdx:23:94: <Predict> (raft-crash, scenario raft/leader-crash): measure "acknowledged-writes-lost" does not apply here: it reads a replication log, and "raft/leader-crash" runs the raft protocol | fix: use a measure that reads what this scenario\'s protocol produces (docs/authoring.md#predictions-and-measures)',
    ],
    [
      'the measure takes only its own arguments',
      'fixtures/predict-bad.mdx:25:125: <Predict> (durability, scenario replication/promote-async-follower): measure "acknowledged-writes-lost" takes no args.node; it takes: survivor | fix: give the measure the arguments docs/authoring.md#predictions-and-measures lists for "acknowledged-writes-lost"',
    ],
    [
      'a node argument names a node of the scenario',
      'fixtures/predict-bad.mdx:25:125: <Predict> (durability, scenario replication/promote-async-follower): measure "acknowledged-writes-lost": args.survivor "n9" is not a node of replication/promote-async-follower (n1, n2, n3) | fix: give the measure the arguments docs/authoring.md#predictions-and-measures lists for "acknowledged-writes-lost"',
    ],
    [
      'side="right" needs a compare embed',
      'fixtures/predict-bad.mdx:27:27: <Predict>: side="right", but "raft-crash" is not a compare embed, so it has one run | fix: remove side="right"; side only picks a run of a <Simulation compare={…}>',
    ],
    [
      'a moment names nodes the scenario has',
      'fixtures/predict-bad.mdx:29:105: <Predict> (raft-crash, scenario raft/leader-crash): the moment names "n9", which is not a node of raft/leader-crash | fix: write at="end", a time in ms such as at={4000}, or a moment such as at="n1 crashes"',
    ],
    [
      'a choice prediction has two or more well-formed choices',
      'fixtures/predict-bad.mdx:31:66: <Predict kind="choice"> needs choices={[{ label: "…", value: … }, …]}: two or more, each with a label and a value or a min/max range | fix: see docs/authoring.md#predictions-and-measures',
    ],
    [
      'a time moment lies within the run',
      'fixtures/predict-bad.mdx:33:114: <Predict> (raft-crash, scenario raft/leader-crash): the moment 99999999 ms is outside the run (a whole number of ms from 0 to 6000), or write at="end" | fix: write at="end", a time in ms such as at={4000}, or a moment such as at="n1 crashes"',
    ],
    [
      '<WhatYouSaw> needs a moment',
      'fixtures/predict-bad.mdx:35:1: <WhatYouSaw> needs at={…}: when the measure is read: a time in ms (at={4000}), at="end", or a moment such as at="n1 crashes" | fix: see docs/authoring.md#predictions-and-measures',
    ],
    [
      '<Measured> inside it inherits the embed but still needs a moment',
      'fixtures/predict-bad.mdx:36:6: <Measured> needs at={…}: when the measure is read: a time in ms (at={4000}), at="end", or a moment such as at="n1 crashes" | fix: see docs/authoring.md#predictions-and-measures',
    ],
    [
      'an argument has the type the measure declares',
      'fixtures/predict-bad.mdx:39:57: <Measured> (durability, scenario replication/promote-async-follower): measure "latency-percentile": args.percentile must be a number, not "95" | fix: give the measure the arguments docs/authoring.md#predictions-and-measures lists for "latency-percentile"',
    ],
    [
      "a run-bound question's run names an embed on the page",
      'fixtures/predict-bad.mdx:42:51: <Question id="run-unknown-embed">: run="chain" names no <Simulation> on this page | fix: the embeds here are: durability, raft-crash (an embed\'s name is its id="…", or its scenario without one)',
    ],
    [
      "a run-bound question's measure applies to its embed",
      'fixtures/predict-bad.mdx:43:67: <Question id="run-wrong-family"> (raft-crash, scenario raft/leader-crash): measure "acknowledged-writes-lost" does not apply here: it reads a replication log, and "raft/leader-crash" runs the raft protocol | fix: use a measure that reads what this scenario\'s protocol produces (docs/authoring.md#predictions-and-measures)',
    ],
    [
      "a run-bound question's actions send requests to nodes of its run",
      'fixtures/predict-bad.mdx:44:112: <Question id="run-action-unknown-node">: actions send a write to "n9", which is not a node of raft/leader-crash | fix: send it to one of: n1, n2, n3, n4, n5',
    ],
    [
      "a prediction's fresh variant for Review names a generated question template",
      'fixtures/predict-bad.mdx:47:181: <Predict id="variant-unknown">: variant="raft-partiton" names no generated question template | fix: did you mean "raft-partition"? the templates are: health-check-notice, async-lost-writes, range-shard, quorum-overlap, quorum-write-failures, raft-partition, truetime-commit-wait, concurrent-deposits, remote-primary-write, consensus-leader-write',
    ],
  ])('%s', (_rule, expected) => {
    expect(problems).toContain(expected);
  });

  it('reports nothing else, and passes valid <Predict>, <WhatYouSaw>, <Measured> and run-bound questions', () => {
    expect(problems).toHaveLength(17);
    expect(problemsIn()).toEqual([]);
  });
});
