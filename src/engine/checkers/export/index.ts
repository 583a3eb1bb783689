/**
 * A run's history in the formats outside checkers read: Porcupine's operations as JSON, and Jepsen's
 * history.edn for Knossos and Elle. The CLI (`npm run sim -- <id> --history edn|porcupine`) and the
 * History view's download both call `historyFile`, so they always give the same file for the same run.
 */
import type { Simulation } from '../../core/simulation';
import { jepsenEdn, toJepsen } from './jepsen';
import { porcupineJson } from './porcupine';

export { toPorcupine, porcupineJson, type PorcupineOperation } from './porcupine';
export { toJepsen, jepsenEdn, ednValue, type JepsenOperation, type EdnValue } from './jepsen';

export const historyFormats = ['porcupine', 'edn'] as const;
export type HistoryFormat = (typeof historyFormats)[number];

export interface HistoryFile {
  fileName: string;
  mediaType: string;
  text: string;
}

export function historyFile(sim: Simulation, format: HistoryFormat): HistoryFile {
  const { history } = sim.world;
  const base = `${sim.scenario.id.replace(/[^A-Za-z0-9-]+/g, '-')}-seed-${sim.scenario.seed}-${sim.now}ms`;
  if (format === 'porcupine') {
    return {
      fileName: `${base}.porcupine.json`,
      mediaType: 'application/json',
      text: porcupineJson(history),
    };
  }
  const transactions = sim.protocol.transactionalHistory?.(sim.invariantContext());
  const { operations, leftOut } = toJepsen(history, transactions);
  const comments = [
    `${sim.scenario.id}, seed ${sim.scenario.seed}, simulated 0 to ${sim.now} ms; :time in ns.`,
    ...(leftOut > 0 ? [`${leftOut} operations of kinds Knossos and Elle do not model are left out.`] : []),
  ];
  return {
    fileName: `${base}.history.edn`,
    mediaType: 'application/edn',
    text: jepsenEdn(operations, comments),
  };
}
