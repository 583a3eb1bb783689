/** Isolation questions (lesson 6b): two concurrent deposits with random amounts, at a random isolation level. */
import { onlyValue, pick, randomInt, type QuestionTemplate } from '../template.ts';

type Level = 'read-committed' | 'snapshot-isolation';

interface DepositParams {
  level: Level;
  startBalance: number;
  /** The quick deposit, committed first. */
  quickAmount: number;
  /** The slow deposit: it reads the balance at the same moment, then thinks before writing. */
  slowAmount: number;
}

const levelNames: Record<Level, string> = {
  'read-committed': 'read committed',
  'snapshot-isolation': 'snapshot isolation',
};

/**
 * "What balance does the account end with?" Two deposits read the same balance; the quick one commits
 * first and the slow one writes what it read plus its amount. Read committed loses the quick deposit;
 * snapshot isolation aborts the slow one (first committer wins), which retries from the new balance.
 */
export const concurrentDeposits: QuestionTemplate<DepositParams> = {
  id: 'concurrent-deposits',
  description:
    'Two concurrent deposits with random amounts at a random isolation level: what balance does the account end with?',
  draw(random) {
    const quickAmount = 10 * randomInt(random, 1, 9);
    let slowAmount = 10 * randomInt(random, 1, 9);
    if (slowAmount === quickAmount) slowAmount += 5;
    return {
      level: pick(random, ['read-committed', 'snapshot-isolation'] as const),
      startBalance: 50 * randomInt(random, 2, 10),
      quickAmount,
      slowAmount,
    };
  },
  ask: ({ level, startBalance, quickAmount, slowAmount }) => ({
    kind: 'numeric',
    prompt: `Alice’s account holds ${startBalance}. At the same moment two tellers deposit into it, each in a transaction at ${levelNames[level]} that reads the balance and writes it back increased. The first adds ${quickAmount} and commits quickly; the second reads the balance at the same moment, thinks for 200 ms, then adds ${slowAmount} to what it read and tries to commit (a transaction the database aborts is retried). What balance does the account end with?`,
    unit: '(balance)',
    tolerance: 0,
  }),
  runs: ({ level, startBalance, quickAmount, slowAmount }) => [
    {
      run: {
        scenario: 'isolation/lost-update',
        overrides: {
          seed: 1,
          params: { isolation: level, placement: { alice: 'n2' }, initial: { alice: startBalance } },
          script: [
            {
              at: 100,
              client: 'teller1',
              node: 'n1',
              op: 'deposit',
              key: 'alice',
              options: { account: 'alice', amount: quickAmount },
            },
            {
              at: 100,
              client: 'teller2',
              node: 'n4',
              op: 'deposit',
              key: 'alice',
              options: { account: 'alice', amount: slowAmount, thinkMs: 200 },
            },
          ],
        },
      },
      requests: [{ measure: 'node-value', args: { node: 'n2', key: 'alice' }, at: 'end' }],
    },
  ],
  answer(_params, measured) {
    const balance = onlyValue(measured);
    return typeof balance === 'number' ? balance : null;
  },
  explain: ({ level, startBalance, quickAmount, slowAmount }, answer) =>
    level === 'read-committed'
      ? `Read committed lets both transactions read ${startBalance}; the slow one then overwrote the quick one’s ${startBalance + quickAmount} with ${startBalance} + ${slowAmount}. The simulation ended with ${answer}: the quick deposit was lost although it was acknowledged.`
      : `Under snapshot isolation the slow transaction may not commit over a version committed after it started (first committer wins): it was aborted and retried, read ${startBalance + quickAmount} and added ${slowAmount}. The simulation ended with ${answer}: both deposits count.`,
};
