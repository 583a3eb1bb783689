/**
 * Scenarios are plain data: a protocol id with its parameters, the nodes, network, clocks, workload and a
 * fault schedule. Lessons refer to named scenarios and may override any field. Everything here is
 * validated with zod, and every error names the field and what is allowed.
 */
import { z } from 'zod';

const nodeId = z
  .string()
  .regex(
    /^[A-Za-z][\w-]{0,23}$/,
    'a node id is a letter followed by letters, digits, "-" or "_" (e.g. "n1")',
  );
const timeMs = z.number().int('times are whole milliseconds').min(0, 'times cannot be negative');
const probability = z
  .number()
  .min(0, 'a probability is between 0 and 1')
  .max(1, 'a probability is between 0 and 1');

export const latencySchema = z
  .object({
    /** The smallest one-way delay, in ms. */
    minMs: z.number().min(0).max(60_000).default(1),
    /** The average one-way delay added on top of minMs, in ms. */
    meanMs: z.number().min(0).max(60_000).default(4),
    distribution: z.enum(['constant', 'uniform', 'exponential', 'normal']).default('exponential'),
  })
  .strict();
export type Latency = z.infer<typeof latencySchema>;

export const clockSchema = z
  .object({
    offsetMs: z.number().min(-3_600_000).max(3_600_000).default(0),
    /** Drift in parts per million: 100 means the clock gains 0.1 ms every simulated second. */
    driftPpm: z.number().min(-100_000).max(100_000).default(0),
    /** Half-width ε of the TrueTime interval the clock reports. */
    uncertaintyMs: z.number().min(0).max(60_000).default(0),
  })
  .strict();
export type ClockSpec = z.infer<typeof clockSchema>;

export const nodeSpecSchema = z
  .object({
    id: nodeId,
    region: z.string().optional(),
    clock: clockSchema.optional(),
  })
  .strict();
export type NodeSpec = z.infer<typeof nodeSpecSchema>;

export const linkOverrideSchema = z
  .object({
    from: nodeId,
    to: nodeId,
    latency: latencySchema.optional(),
    lossRate: probability.optional(),
  })
  .strict();

export const networkSchema = z
  .object({
    latency: latencySchema.default({ minMs: 1, meanMs: 4, distribution: 'exponential' }),
    lossRate: probability.default(0),
    duplicateRate: probability.default(0),
    /** Probability that a message is held back long enough to arrive after later ones. */
    reorderRate: probability.default(0),
    /** One-way latency between regions, in ms, keyed "regionA>regionB". Missing pairs come from the built-in region table. */
    regionLatencyMs: z.record(z.string(), z.number().min(0)).optional(),
    links: z.array(linkOverrideSchema).default([]),
  })
  .strict();
export type NetworkSpec = z.infer<typeof networkSchema>;

export const workloadSchema = z
  .object({
    clients: z.number().int().min(0).max(64).default(0),
    /** Operations per second issued by each client (each client has at most one operation outstanding). */
    ratePerClient: z.number().min(0).max(10_000).default(10),
    mix: z
      .object({
        read: z.number().min(0).default(0.5),
        write: z.number().min(0).default(0.5),
        cas: z.number().min(0).default(0),
      })
      .strict()
      .default({ read: 0.5, write: 0.5, cas: 0 }),
    keys: z
      .object({
        count: z.number().int().min(1).max(100_000).default(1),
        distribution: z.enum(['uniform', 'zipf', 'hot']).default('uniform'),
        zipfExponent: z.number().min(0).max(5).default(1.1),
        /** With distribution "hot": the share of operations that go to the one hot key. */
        hotShare: probability.default(0.8),
        prefix: z.string().default('k'),
      })
      .strict()
      .default({ count: 1, distribution: 'uniform', zipfExponent: 1.1, hotShare: 0.8, prefix: 'k' }),
    /** Where a client sends an operation: its home node, a random node each time, or one named node. */
    target: z.union([z.enum(['home', 'random']), nodeId]).default('home'),
    timeoutMs: z.number().int().min(1).max(600_000).default(1000),
    startMs: timeMs.default(0),
    stopMs: timeMs.optional(),
    /** Protocol-specific options attached to every request, e.g. { consistency: "QUORUM" }. */
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type WorkloadSpec = z.infer<typeof workloadSchema>;

const valueSchema = z.union([z.number(), z.string(), z.null()]);

export const clientOpSchema = z
  .object({
    client: z.string().min(1).max(24).default('alice'),
    node: nodeId,
    op: z.string().min(1),
    key: z.string().min(1).default('x'),
    value: valueSchema.optional(),
    expected: valueSchema.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ClientOp = z.infer<typeof clientOpSchema>;

const at = { at: timeMs };

/**
 * Every change to the world that is not a protocol's own doing: fault-schedule entries, scripted client
 * operations, and the student's actions in the UI (which go into the command log) all share this type.
 * Each action has `at` and exactly one kind key (crash, partition, …), listed here in union order.
 */
const actionVariants = {
  crash: z.object({ ...at, crash: nodeId }).strict(),
  restart: z.object({ ...at, restart: nodeId }).strict(),
  pause: z.object({ ...at, pause: nodeId, durationMs: z.number().int().min(1).max(3_600_000) }).strict(),
  resume: z.object({ ...at, resume: nodeId }).strict(),
  slow: z
    .object({
      ...at,
      slow: nodeId,
      factor: z.number().min(1).max(1000).default(10),
      durationMs: z.number().int().min(1).optional(),
    })
    .strict(),
  partition: z
    .object({
      ...at,
      partition: z.array(z.array(nodeId).min(1)).min(2, 'a partition needs at least two groups'),
    })
    .strict(),
  isolate: z.object({ ...at, isolate: nodeId }).strict(),
  cut: z.object({ ...at, cut: z.object({ from: nodeId, to: nodeId }).strict() }).strict(),
  heal: z.object({ ...at, heal: z.literal(true) }).strict(),
  dropMessage: z.object({ ...at, dropMessage: z.number().int().min(0) }).strict(),
  setLatency: z.object({ ...at, setLatency: latencySchema }).strict(),
  setLossRate: z.object({ ...at, setLossRate: probability }).strict(),
  client: z.object({ ...at, client: clientOpSchema }).strict(),
  /** An operator's instruction to one node, handled by the protocol's onOperator (e.g. "promote", "switchover"). */
  operator: z
    .object({
      ...at,
      operator: z
        .object({
          node: nodeId,
          command: z.string().min(1),
          args: z.record(z.string(), z.unknown()).optional(),
        })
        .strict(),
    })
    .strict(),
  /**
   * The student's "Keep running": the run goes on this many ms past where it would have ended, so a
   * late request can finish. An action like any other, so a share link replays it.
   */
  keepRunning: z.object({ ...at, keepRunning: z.number().int().min(1).max(600_000) }).strict(),
};
export type ActionKind = keyof typeof actionVariants;
export const actionKinds = Object.keys(actionVariants) as ActionKind[];
export const actionSchema = z.union(actionKinds.map((kind) => actionVariants[kind]));
export type Action = z.infer<typeof actionSchema>;

/** One kind of action, in the short form lessons write: `ActionOf<'crash'>` is `{ at, crash }`. */
export type ActionOf<Kind extends ActionKind> = z.output<(typeof actionVariants)[Kind]>;

/**
 * An action with its kind spelled out, so a `switch (action.kind)` narrows it and TypeScript checks that
 * every kind is handled. Lessons, scenarios and command logs keep the short form; the engine tags an
 * action with `tagAction` where it acts on it.
 */
export type TaggedAction = { [Kind in ActionKind]: ActionOf<Kind> & { kind: Kind } }[ActionKind];

/** The kind of a validated action: its one kind key. */
export function actionKindOf(action: Action): ActionKind {
  for (const key in action) if (key !== 'at' && key in actionVariants) return key as ActionKind;
  throw new Error(`not an action: ${JSON.stringify(action)}`);
}

export function tagAction(action: Action): TaggedAction {
  return { kind: actionKindOf(action), ...action } as TaggedAction;
}

/** A run's end: its scripted duration plus the extensions its command log asks for ("Keep running"). */
export function runEndMs(durationMs: number, commands: readonly Action[]): number {
  let end = durationMs;
  for (const action of commands) if ('keepRunning' in action) end += action.keepRunning;
  return end;
}

/** For the `default` branch of an exhaustive switch: a new kind that is not handled fails to compile. */
export function unhandledKind(kind: never): never {
  throw new Error(`unhandled kind ${JSON.stringify(kind)}`);
}

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'a scenario id looks like "family/name"'),
    title: z.string().min(1),
    /** One sentence: what a student should see happen. */
    description: z.string().min(1),
    protocol: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** A node count (named n1…nN) or explicit node specs. */
    nodes: z.union([z.number().int().min(1).max(64), z.array(nodeSpecSchema).min(1).max(64)]).default(3),
    network: networkSchema.default({
      latency: { minMs: 1, meanMs: 4, distribution: 'exponential' },
      lossRate: 0,
      duplicateRate: 0,
      reorderRate: 0,
      links: [],
    }),
    workload: workloadSchema.optional(),
    script: z.array(z.object({ at: timeMs, ...clientOpSchema.shape }).strict()).default([]),
    faults: z.array(actionSchema).default([]),
    /** Names of checkers (src/engine/checkers) to run over the finished run, e.g. ["linearizable"]. */
    checks: z.array(z.string()).default([]),
    durationMs: z.number().int().min(1).max(3_600_000).default(10_000),
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

/** Fields a lesson's <Simulation> may override on a named scenario. `params` merges key by key. */
export const overridesSchema = scenarioSchema
  .omit({ id: true, title: true, description: true, protocol: true })
  .partial()
  .strict();
export type ScenarioOverrides = z.input<typeof overridesSchema>;

/** Turns a zod error into one readable line per problem: `faults[2].partition: a partition needs at least two groups`. */
export function formatIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.flatMap((issue) =>
    formatIssue(issue as z.core.$ZodIssue, joinPath(prefix, issue.path)),
  );
}

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part),
    prefix,
  );
}

function formatIssue(issue: z.core.$ZodIssue, path: string): string[] {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) return formatUnionIssue(issue, path);
  let message = issue.message;
  if (issue.code === 'invalid_type' && / received undefined$/.test(message))
    message = `required (expected ${issue.expected})`;
  if (issue.code === 'unrecognized_keys') {
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (a typo?)`;
  }
  return [path ? `${path}: ${message}` : message];
}

/**
 * zod reports a failed union as every branch's errors at once, which nobody can read. For actions we
 * know which branch was meant from the kind key; for other unions we list what each branch accepts.
 */
function formatUnionIssue(issue: z.core.$ZodIssueInvalidUnion, path: string): string[] {
  const input = issue.input;
  const isAction =
    issue.errors.length === actionKinds.length &&
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input);
  if (!isAction) {
    const alternatives = issue.errors.map((branch) =>
      branch
        .map((inner) =>
          inner.message
            .replace(/^Invalid (input|option): /, '')
            .replace(/^expected /, '')
            .replace(/, received \w+$/, ''),
        )
        .join(', '),
    );
    const got = input === undefined ? 'nothing' : JSON.stringify(input);
    return [`${path || 'value'}: expected ${[...new Set(alternatives)].join(' or ')} (got ${got})`];
  }
  const what = /(^|\.)faults\[\d+\]$/.test(path) ? 'fault' : 'action';
  const keys = Object.keys(input);
  const kinds = keys.filter((key): key is ActionKind => (actionKinds as string[]).includes(key));
  if (kinds.length === 0) {
    const unknown = keys.filter((key) => !['at', 'durationMs', 'factor'].includes(key));
    const named = unknown.length > 0 ? `unknown ${what} "${unknown[0]}"` : `no ${what} given`;
    return [`${path}: ${named}; expected one of ${actionKinds.join(', ')}`];
  }
  if (kinds.length > 1) return [`${path}: one ${what} per entry, but this one has ${kinds.join(' and ')}`];
  const branch = issue.errors[actionKinds.indexOf(kinds[0]!)]!;
  return branch.flatMap((inner) => formatIssue(inner, joinPath(path, inner.path)));
}
