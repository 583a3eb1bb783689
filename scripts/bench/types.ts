/** The shape every scripts/bench/*.bench.ts module exports (as default); scripts/bench.ts runs them all. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** The goal in words, e.g. "≥ 1,000,000". */
  target?: string;
  pass?: boolean;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}
