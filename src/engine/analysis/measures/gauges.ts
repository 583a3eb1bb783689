/** Measures over a family of protocol gauges, such as the rows on every node ("rows.n1", "rows.n2", …). */
import type { MeasureDefinition } from './types';

export const gaugeMeasures: MeasureDefinition[] = [
  {
    id: 'gauge-extreme',
    description:
      'The largest or smallest of the gauges whose names start with a prefix, e.g. the rows on the fullest node ("rows.").',
    args: {
      prefix: { type: 'string', description: 'the start of the gauge names, e.g. "rows." or "load."' },
      which: { type: 'string', oneOf: ['max', 'min'], description: 'max or min' },
    },
    compute({ sim }, args) {
      const gauges = sim.protocol.gauges?.(sim.invariantContext()) ?? {};
      const values = Object.entries(gauges)
        .filter(([name]) => name.startsWith(String(args.prefix)))
        .map(([, value]) => value);
      if (values.length === 0) return null;
      return args.which === 'min' ? Math.min(...values) : Math.max(...values);
    },
  },
];
