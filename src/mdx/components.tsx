import type { MDXComponents } from 'mdx/types';
import { lazy, Suspense, useId, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorBoundary } from '../app/components/ErrorBoundary.tsx';
import { lessons } from '../course/lessons.ts';
import { exerciseComponents } from '../exercises/index.ts';
import { AuthorError } from '../quiz/AuthorError.tsx';
import { Choice, Explain, Generated, Question } from '../quiz/parts.tsx';
import { Quiz } from '../quiz/Quiz.tsx';
import { Step } from '../sim/steps/Step.tsx';
import { calloutKinds, keyTermId, type CalloutKind, type LessonComponentName } from './componentNames.ts';

/**
 * Every component a lesson can use. Lessons import nothing: the lesson page passes this registry to
 * MDXProvider. Section headings get their ids at build time (remarkTableOfContents).
 */

const calloutLabels: Record<CalloutKind, string> = {
  note: 'Note',
  tip: 'Tip',
  warning: 'Warning',
  predict: 'Predict first',
};

/** A boxed aside. `predict` asks the student to commit to a guess before reading on or running a simulation. */
function Callout({
  kind = 'note',
  title,
  children,
}: {
  kind?: CalloutKind;
  title?: string;
  children?: ReactNode;
}) {
  const labelId = useId();
  if (!calloutKinds.includes(kind)) {
    const kinds = calloutKinds.join(', ');
    return (
      <AuthorError
        what="A callout"
        problems={[`<Callout kind="${kind}"> is not a kind; use one of ${kinds}`]}
      />
    );
  }
  return (
    <div className={`callout callout--${kind}`} role="note" aria-labelledby={labelId}>
      <p className="callout__label" id={labelId}>
        {title ?? calloutLabels[kind]}
      </p>
      <div className="callout__body">{children}</div>
    </div>
  );
}

/** A defined term: the term (a <dfn> with a linkable id) and its definition. */
function KeyTerm({ term, children }: { term: string; children?: ReactNode }) {
  if (typeof term !== 'string' || term.trim() === '') {
    return <AuthorError what="A key term" problems={['<KeyTerm> needs a term="…" attribute']} />;
  }
  return (
    <dl className="key-term">
      <dt>
        <dfn id={keyTermId(term)}>{term}</dfn>
      </dt>
      <dd>{children}</dd>
    </dl>
  );
}

/** The simulation code loads only when a lesson shows one, keeping it out of the home page's bundle. */
const simulationModule = () => import('../sim/Simulation.tsx');
const LazySimulation = lazy(() => simulationModule().then((module) => ({ default: module.Simulation })));
const LazyCompare = lazy(() => simulationModule().then((module) => ({ default: module.Compare })));
const LazySteps = lazy(() => simulationModule().then((module) => ({ default: module.Steps })));

const simulationLoading = <p className="simulation-loading">Loading the simulation…</p>;

function Simulation(props: ComponentProps<typeof LazySimulation>) {
  return (
    <Suspense fallback={simulationLoading}>
      <LazySimulation {...props} />
    </Suspense>
  );
}

/** Two configurations of one scenario side by side (see src/sim/Compare.tsx). */
function Compare(props: ComponentProps<typeof LazyCompare>) {
  return (
    <Suspense fallback={simulationLoading}>
      <LazyCompare {...props} />
    </Suspense>
  );
}

/** Predictions and run-bound numbers follow an embed's run, so they load with the simulation code. */
const predictModule = () => import('../predict/index.ts');
const LazyPredict = lazy(() => predictModule().then((module) => ({ default: module.Predict })));
const LazyWhatYouSaw = lazy(() => predictModule().then((module) => ({ default: module.WhatYouSaw })));
const LazyMeasured = lazy(() => predictModule().then((module) => ({ default: module.Measured })));

function Predict(props: ComponentProps<typeof LazyPredict>) {
  return (
    <Suspense fallback={<p className="simulation-loading">Loading the prediction…</p>}>
      <LazyPredict {...props} />
    </Suspense>
  );
}

function WhatYouSaw(props: ComponentProps<typeof LazyWhatYouSaw>) {
  return (
    <Suspense fallback={null}>
      <LazyWhatYouSaw {...props} />
    </Suspense>
  );
}

function Measured(props: ComponentProps<typeof LazyMeasured>) {
  return (
    <Suspense fallback="…">
      <LazyMeasured {...props} />
    </Suspense>
  );
}

/** A break-it-yourself challenge with its own embed (see src/challenges/Challenge.tsx). */
const LazyChallenge = lazy(() =>
  import('../challenges/index.ts').then((module) => ({ default: module.Challenge })),
);

function Challenge(props: ComponentProps<typeof LazyChallenge>) {
  return (
    <Suspense fallback={<p className="simulation-loading">Loading the challenge…</p>}>
      <LazyChallenge {...props} />
    </Suspense>
  );
}

/** A guided step list bound to an embed on the page (see src/sim/steps/Steps.tsx). */
function Steps(props: ComponentProps<typeof LazySteps>) {
  return (
    <Suspense fallback={<div className="sim-steps-loading" />}>
      <LazySteps {...props} />
    </Suspense>
  );
}

/**
 * Course-internal links go through the router; others are ordinary links. A link to a lesson's file
 * (`02-replication.mdx`, `./02-replication.mdx#lag`), handy while editing, goes to that lesson's page.
 */
function Anchor({ href = '', children, ...rest }: ComponentProps<'a'>) {
  const to = href.startsWith('/') ? href : lessonFileRoute(href);
  if (to) return <Link to={to}>{children}</Link>;
  return (
    <a href={href} {...rest} rel={href.startsWith('#') ? undefined : 'noopener noreferrer'}>
      {children}
    </a>
  );
}

function lessonFileRoute(href: string): string | undefined {
  const match = /^(?:\.\/)?([\w.-]+\.mdx)(#.*)?$/.exec(href);
  const lesson = match && lessons.find((candidate) => candidate.file.split('/').pop() === match[1]);
  return lesson ? `/lessons/${lesson.id}${match[2] ?? ''}` : undefined;
}

/** Images live in public/ and are written from its root (`/diagrams/ring.svg`); this adds the base path. */
function Image({ src = '', alt = '', ...rest }: ComponentProps<'img'>) {
  const resolved = src.startsWith('/') ? `${import.meta.env.BASE_URL}${src.slice(1)}` : src;
  return <img src={resolved} alt={alt} {...rest} />;
}

/** Wide tables scroll sideways inside their own box instead of widening the page. */
function Table(props: ComponentProps<'table'>) {
  return (
    <div className="table-scroll" role="group" aria-label="Table, scrolls sideways" tabIndex={0}>
      <table {...props} />
    </div>
  );
}

/** Shown in place of a component that threw, so one broken quiz or simulation leaves the lesson readable. */
function ComponentFailure({ what, error }: { what: string; error: unknown }) {
  const message = (error instanceof Error ? error.message : String(error)).trim().replace(/\.$/, '');
  return (
    <div className="author-error" role="alert">
      <p>
        This {what} could not be shown: {message}. The rest of the lesson still works.
      </p>
    </div>
  );
}

function contained<P extends object>(what: string, Inner: ComponentType<P>): ComponentType<P> {
  function Contained(props: P) {
    return (
      <ErrorBoundary fallback={(_retry, error) => <ComponentFailure what={what} error={error} />}>
        <Inner {...props} />
      </ErrorBoundary>
    );
  }
  Contained.displayName = `Contained(${Inner.displayName ?? Inner.name})`;
  return Contained;
}

/**
 * Each component that renders on its own is wrapped in an error boundary. Question, Generated, Choice and
 * Explain are not: a <Quiz> reads them as data and they never render inside one.
 */
const lessonComponents = {
  Quiz: contained('quiz', Quiz),
  Question,
  Generated,
  Choice,
  Explain,
  Callout: contained('callout', Callout),
  KeyTerm: contained('key term', KeyTerm),
  Simulation: contained('simulation', Simulation),
  Compare: contained('comparison', Compare),
  Predict: contained('prediction', Predict),
  WhatYouSaw: contained('“What you saw” section', WhatYouSaw),
  Measured: contained('number', Measured),
  Steps: contained('step list', Steps),
  // Read as data by <Steps>, like a quiz's parts: not wrapped, so <Steps> can recognise it.
  Step,
  ShardKeyChooser: contained('exercise', exerciseComponents.ShardKeyChooser),
  WhichDatabase: contained('exercise', exerciseComponents.WhichDatabase),
  Challenge: contained('challenge', Challenge),
} satisfies Record<LessonComponentName, unknown>;

export const mdxComponents: MDXComponents = {
  ...lessonComponents,
  a: Anchor,
  img: Image,
  table: Table,
};
