import type { MDXComponents } from 'mdx/types';
import { lazy, Suspense, useId, type ComponentProps, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { slugify } from '../course/slug.ts';
import { exerciseComponents } from '../exercises/index.ts';
import { AuthorError } from '../quiz/AuthorError.tsx';
import { Choice, Explain, Question } from '../quiz/parts.tsx';
import { Quiz } from '../quiz/Quiz.tsx';

/**
 * Every component a lesson can use. Lessons import nothing: the lesson page passes this registry to
 * MDXProvider. Section headings get their ids at build time (remarkTableOfContents).
 */

const calloutLabels = { note: 'Note', tip: 'Tip', warning: 'Warning', predict: 'Predict first' } as const;
type CalloutKind = keyof typeof calloutLabels;

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
  if (!(kind in calloutLabels)) {
    const kinds = Object.keys(calloutLabels).join(', ');
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
        <dfn id={`term-${slugify(term)}`}>{term}</dfn>
      </dt>
      <dd>{children}</dd>
    </dl>
  );
}

/** The simulation code loads only when a lesson shows one, keeping it out of the home page's bundle. */
const LazySimulation = lazy(() =>
  import('../sim/Simulation.tsx').then((module) => ({ default: module.Simulation })),
);
type SimulationProps = ComponentProps<typeof LazySimulation>;

function Simulation(props: SimulationProps) {
  return (
    <Suspense fallback={<p className="simulation-loading">Loading the simulation…</p>}>
      <LazySimulation {...props} />
    </Suspense>
  );
}

/** Course-internal links go through the router; others are ordinary links. */
function Anchor({ href = '', children, ...rest }: ComponentProps<'a'>) {
  if (href.startsWith('/')) return <Link to={href}>{children}</Link>;
  return (
    <a href={href} {...rest} rel={href.startsWith('#') ? undefined : 'noopener noreferrer'}>
      {children}
    </a>
  );
}

/** Wide tables scroll sideways inside their own box instead of widening the page. */
function Table(props: ComponentProps<'table'>) {
  return (
    <div className="table-scroll" role="group" aria-label="Table, scrolls sideways" tabIndex={0}>
      <table {...props} />
    </div>
  );
}

export const mdxComponents: MDXComponents = {
  Quiz,
  Question,
  Choice,
  Explain,
  Callout,
  KeyTerm,
  Simulation,
  ...exerciseComponents,
  a: Anchor,
  table: Table,
};
