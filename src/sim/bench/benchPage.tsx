/**
 * The page behind bench-ui.html: one <Simulation> (or <Compare>) mounted from URL parameters, for
 * `npm run bench:ui` and the simulation browser tests. Not linked from the course.
 *
 *   ?case=basic|stress          a named case (see benchCases), or
 *   ?props={"scenario":…}       any props, as JSON
 *   &compare=1                  the props are <Compare> props
 *   &e2e=1                      expose each embed's store on window.__simulations
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../styles/index.css';
import './bench.css';
import { Compare, type CompareProps } from '../Compare';
import { Simulation, type SimulationProps } from '../Simulation';
import { benchCases, type BenchCase } from './benchCases';

function propsFromUrl(search: string): {
  props: Record<string, unknown>;
  compare: boolean;
  problem: string | null;
} {
  const params = new URLSearchParams(search);
  const compare = params.get('compare') === '1';
  const raw = params.get('props');
  if (raw !== null) {
    try {
      return { props: JSON.parse(raw) as Record<string, unknown>, compare, problem: null };
    } catch {
      return {
        props: benchCases.basic,
        compare,
        problem: 'The props parameter is not valid JSON; showing the basic case.',
      };
    }
  }
  const name = (params.get('case') ?? 'basic') as BenchCase;
  return {
    props: benchCases[name] ?? benchCases.basic,
    compare,
    problem: benchCases[name] ? null : `Unknown case "${name}".`,
  };
}

const { props, compare, problem } = propsFromUrl(location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main className="bench-page">
      <h1>Simulation test bench</h1>
      {problem && <p role="alert">{problem}</p>}
      {compare ? <Compare {...(props as CompareProps)} /> : <Simulation {...(props as SimulationProps)} />}
    </main>
  </StrictMode>,
);
