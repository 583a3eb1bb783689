/**
 * Multi-region questions (lesson 7): random one-way latencies between three regions, with the run deciding
 * what a write costs when it must reach a primary far away, or a majority of regions.
 */
import { onlyValue, pick, randomInt, type QuestionTemplate } from '../template.ts';

const farRegions = ['eu-west', 'ap-northeast'] as const;
type FarRegion = (typeof farRegions)[number];

const cityOf: Record<string, string> = {
  'us-east': 'New York',
  'eu-west': 'London',
  'ap-northeast': 'Tokyo',
};

interface RegionParams {
  /** One-way latency from us-east to each other region (and back), in ms. */
  oneWayMs: Record<FarRegion, number>;
  /** The region the question's write is sent to. */
  writeTo: string;
}

/** When the question's write is sent: after the consensus leader has been elected. */
const writeAtMs = 1500;

/** One-way latencies in 5 ms steps, the two far regions never equally far (so "the nearer one" is clear). */
function drawLatencies(random: () => number): Record<FarRegion, number> {
  const euWest = 5 * randomInt(random, 5, 16);
  let apNortheast = 5 * randomInt(random, 8, 24);
  if (apNortheast === euWest) apNortheast += 15;
  return { 'eu-west': euWest, 'ap-northeast': apNortheast };
}

/** The scenario's regions with the drawn latencies (both ways), the Tokyo–London link slower than either. */
function regionNetwork({ oneWayMs }: RegionParams) {
  const between = (a: string, b: string, ms: number) => ({ [`${a}>${b}`]: ms, [`${b}>${a}`]: ms });
  return {
    latency: { minMs: 1, meanMs: 0, distribution: 'constant' as const },
    regionLatencyMs: {
      ...between('us-east', 'eu-west', oneWayMs['eu-west']),
      ...between('us-east', 'ap-northeast', oneWayMs['ap-northeast']),
      ...between('eu-west', 'ap-northeast', oneWayMs['eu-west'] + oneWayMs['ap-northeast']),
    },
  };
}

const latencyPhrase = ({ oneWayMs }: RegionParams) =>
  `A message takes ${oneWayMs['eu-west']} ms one way between New York and London, and ${oneWayMs['ap-northeast']} ms between New York and Tokyo.`;

/** The run with one write, from a client in `writeTo`'s region, read as that write's latency. */
function oneWriteRun(scenario: string, params: RegionParams) {
  return [
    {
      run: {
        scenario,
        overrides: {
          seed: 1,
          network: regionNetwork(params),
          workload: { clients: 0 },
          script: [
            { at: writeAtMs, client: 'alice', node: params.writeTo, op: 'write', key: 'k0', value: 1 },
          ],
          checks: [],
          durationMs: writeAtMs + 2000,
        },
      },
      requests: [
        {
          measure: 'latency-percentile',
          args: { type: 'write', node: params.writeTo },
          at: 'end' as const,
        },
      ],
    },
  ];
}

const numberAnswer = (measured: Parameters<QuestionTemplate<RegionParams>['answer']>[1]) => {
  const value = onlyValue(measured);
  return typeof value === 'number' ? value : null;
};

/**
 * "How long does a write sent to a far replica take?" One primary in New York, read replicas in London and
 * Tokyo: the write must reach the primary and its confirmation come back.
 */
export const remotePrimaryWrite: QuestionTemplate<RegionParams> = {
  id: 'remote-primary-write',
  description:
    'Random latencies between three regions, one primary in New York: how long does a write sent from London or Tokyo take?',
  draw: (random) => ({ oneWayMs: drawLatencies(random), writeTo: pick(random, farRegions) }),
  ask: (params) => ({
    kind: 'numeric',
    prompt: `A database has its primary in New York (us-east) and read replicas in London (eu-west) and Tokyo (ap-northeast). ${latencyPhrase(params)} Processing inside a region takes about 1 ms. A client in ${cityOf[params.writeTo]} sends a write to its local node, ${params.writeTo}. About how many milliseconds until it is confirmed?`,
    unit: 'ms',
    tolerance: 10,
  }),
  runs: (params) => oneWriteRun('multiregion/primary-with-read-replicas', params),
  answer: (_params, measured) => numberAnswer(measured),
  explain: (params, answer) =>
    `Only the primary in New York accepts writes, so the write crossed to New York and the confirmation crossed back: twice ${params.oneWayMs[params.writeTo as FarRegion]} ms. The simulation’s write took ${answer} ms.`,
};

/**
 * "How long does a write take next to the consensus leader?" Raft across the three regions with its
 * leader in New York: a write commits once a majority (the leader and the nearer other region) has it.
 */
export const consensusLeaderWrite: QuestionTemplate<Omit<RegionParams, 'writeTo'>> = {
  id: 'consensus-leader-write',
  description:
    'Random latencies between three regions, Raft with its leader in New York: how long does a write sent to the leader take?',
  draw: (random) => ({ oneWayMs: drawLatencies(random) }),
  ask: (params) => ({
    kind: 'numeric',
    prompt: `Three regions, New York (us-east), London (eu-west) and Tokyo (ap-northeast), form one Raft group whose leader is in New York. ${latencyPhrase({ ...params, writeTo: 'us-east' })} Processing inside a region takes about 1 ms. A client in New York sends a write to the leader. About how many milliseconds until it is committed and confirmed?`,
    unit: 'ms',
    tolerance: 10,
  }),
  runs: (params) => oneWriteRun('multiregion/global-consensus', { ...params, writeTo: 'us-east' }),
  answer: (_params, measured) => numberAnswer(measured),
  explain: ({ oneWayMs }, answer) => {
    const nearer = oneWayMs['eu-west'] < oneWayMs['ap-northeast'] ? 'eu-west' : 'ap-northeast';
    return `A write commits once a majority, two of the three regions, has stored it: the leader and the nearer region, ${cityOf[nearer]}, ${oneWayMs[nearer]} ms away each way. The leader need not wait for the farther region. The simulation’s write took ${answer} ms.`;
  },
};
