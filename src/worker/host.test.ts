import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/core/simulation';
import { Timeline } from '../engine/core/timeline';
import { broadcastProtocol } from '../engine/protocols/broadcast/protocol';
import { createSimulation, resolveScenario } from '../engine/catalog/resolve';
import { protocols, scenarios } from '../engine/catalog/registry';
import type { ScenarioInput } from '../engine/core/schema';
import type { PostedFrame } from './api';
import { SimulationHost, type HostEnvironment } from './host';
import { runSizeProblem } from './runBudget';

/** A wall clock and timer queue the test moves by hand. */
function manualEnvironment() {
  let wall = 0;
  let timers: { at: number; callback: () => void }[] = [];
  const env: HostEnvironment = {
    now: () => wall,
    setTimeout: (callback, ms) => timers.push({ at: wall + ms, callback }),
  };
  const advance = (ms: number) => {
    const end = wall + ms;
    for (;;) {
      const next = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers = timers.filter((timer) => timer !== next);
      wall = next.at;
      next.callback();
    }
    wall = end;
  };
  return { env, advance };
}

function setUp() {
  const { env, advance } = manualEnvironment();
  const host = new SimulationHost(env);
  const frames: PostedFrame[] = [];
  return { host, frames, advance, onFrame: (frame: PostedFrame) => frames.push(frame) };
}

const basic = { scenario: 'broadcast/basic', overrides: { seed: 4, durationMs: 3000 } };

describe('SimulationHost', () => {
  it('creates a simulation standing at time 0, or says what is wrong', async () => {
    const { host, onFrame } = setUp();
    const created = await host.create(basic, onFrame);
    expect(created.ok && created.frame).toMatchObject({
      now: 0,
      playing: false,
      scenarioId: 'broadcast/basic',
      seed: 4,
      error: null,
    });
    expect(await host.create({ scenario: 'broadcast/nope' }, onFrame)).toMatchObject({ ok: false });
    const badCommand = await host.create({ ...basic, commands: [{ at: 10, crash: 'n9' }] }, onFrame);
    expect(badCommand).toEqual({
      ok: false,
      problems: ['commands[0].crash: there is no node "n9" (nodes: n1, n2, n3)'],
    });
  });

  it('runs a scenario written inline exactly like a registered one', async () => {
    const { host, onFrame } = setUp();
    const inline: ScenarioInput = {
      id: 'lesson/two-replicas',
      title: 'Two replicas',
      description: 'Both replicas apply every write.',
      protocol: 'broadcast',
      nodes: 2,
      script: [{ at: 100, client: 'alice', node: 'n1', op: 'write', key: 'x', value: 1 }],
      durationMs: 1000,
    };
    const created = await host.create({ scenario: inline, overrides: { seed: 9 } }, onFrame);
    expect(created.ok && created.frame).toMatchObject({ scenarioId: 'lesson/two-replicas', seed: 9 });
    expect(created.ok && created.frame.nodes.map((node) => node.id)).toEqual(['n1', 'n2']);
  });

  it('plays at speed × wall time, posting frames, and stops at the end of the scenario', async () => {
    const { host, frames, advance, onFrame } = setUp();
    const created = await host.create({ ...basic, followMessages: false }, onFrame);
    const id = created.ok ? created.simulationId : '';
    await host.setSpeed(id, 10);
    await host.play(id);
    advance(100);
    const last = frames.at(-1)!;
    expect(last.playing).toBe(true);
    expect(last.now).toBeGreaterThan(900);
    expect(last.now).toBeLessThanOrEqual(1000);
    advance(1000);
    expect(frames.at(-1)).toMatchObject({ now: 3000, playing: false });

    const straight = createSimulation('broadcast/basic', basic.overrides).run();
    expect(frames.at(-1)!.digest).toBe(straight.world.digest.toString(16).padStart(8, '0'));
  });

  it('clamps speed to 0.1–100', async () => {
    const { host, onFrame } = setUp();
    const created = await host.create(basic, onFrame);
    const id = created.ok ? created.simulationId : '';
    await host.setSpeed(id, 1000);
    expect(host.frame(id).speed).toBe(100);
    await host.setSpeed(id, 0);
    expect(host.frame(id).speed).toBe(0.1);
  });

  it('seeks, forks on a command and logs it; a new simulation replaying the log matches', async () => {
    const { host, onFrame } = setUp();
    const created = await host.create(basic, onFrame);
    const id = created.ok ? created.simulationId : '';
    await host.seek(id, 2500);
    await host.seek(id, 1200);
    expect(await host.command(id, { at: 0, crash: 'n2' })).toEqual({ ok: true });
    expect(await host.command(id, { at: 0, crash: 'n7' })).toMatchObject({ ok: false });
    await host.seek(id, 3000);
    const forked = host.frame(id);
    expect(forked.commands).toEqual([{ at: 1200, crash: 'n2' }]);

    const replay = await host.create({ ...basic, commands: forked.commands, startAt: 3000 }, onFrame);
    expect(replay.ok && replay.frame.digest).toBe(forked.digest);
  });

  it('posts the command log only in frames where it changed, not at animation rate', async () => {
    const { host, frames, advance, onFrame } = setUp();
    const created = await host.create(
      { ...basic, followMessages: false, commands: [{ at: 100, crash: 'n2' }] },
      onFrame,
    );
    const id = created.ok ? created.simulationId : '';
    expect(created.ok && created.frame.commands).toEqual([{ at: 100, crash: 'n2' }]);
    await host.play(id);
    advance(500);
    const playing = frames.splice(0);
    expect(playing.length).toBeGreaterThan(10);
    expect(playing.filter((frame) => frame.commands !== undefined)).toEqual([]);

    await host.command(id, { at: 0, restart: 'n2' });
    advance(100);
    expect(frames[0]?.commands).toMatchObject([{ at: 100, crash: 'n2' }, { restart: 'n2' }]);
    expect(frames.slice(1).filter((frame) => frame.commands !== undefined)).toEqual([]);
    // Cut back and replaced by an action of the same count: still a change.
    await host.seek(id, 200);
    await host.command(id, { at: 0, restart: 'n2' });
    expect(frames.at(-1)?.commands).toEqual([
      { at: 100, crash: 'n2' },
      { at: 200, restart: 'n2' },
    ]);
    await host.reset(id);
    expect(frames.at(-1)?.commands).toEqual([]);
  });

  it('recovers from a protocol handler that throws: rewinds to the last good time and reports the error', async () => {
    protocols.exploding = {
      ...broadcastProtocol,
      id: 'exploding',
      onClientRequest(ctx, state, request) {
        if (request.key === 'boom') throw new Error('handler bug');
        broadcastProtocol.onClientRequest(ctx, state, request);
      },
    };
    const scenario: ScenarioInput = {
      id: 'test/exploding',
      title: 'Exploding',
      description: 'A protocol bug on the key "boom".',
      protocol: 'exploding',
      script: [
        { at: 100, node: 'n1', op: 'write', key: 'x', value: 1 },
        { at: 500, node: 'n1', op: 'write', key: 'boom', value: 2 },
      ],
      durationMs: 2000,
    };
    const { host, frames, advance, onFrame } = setUp();
    const created = await host.create({ scenario }, onFrame);
    const id = created.ok ? created.simulationId : '';
    await host.seek(id, 300);
    await host.setSpeed(id, 10);
    await host.play(id);
    advance(500);
    const frame = frames.at(-1)!;
    expect(frame.playing).toBe(false);
    expect(frame.error?.message).toMatch(/handler bug/);
    expect(frame.now).toBe(frame.error?.at);
    expect(frame.now).toBeLessThan(501);

    // The rebuilt run is the same run: it matches a fresh one at that time.
    const fresh = new Timeline(new Simulation(...resolvedParts(scenario)));
    fresh.seek(frame.now);
    expect(frame.digest).toBe(fresh.sim.world.digest.toString(16).padStart(8, '0'));

    await host.seek(id, 200);
    expect(host.frame(id).error).toBeNull();
    delete protocols.exploding;
  });

  it('pauses a playing run exactly when an armed moment happens, and says which, at any speed', async () => {
    const raft = { scenario: 'raft/leader-crash', overrides: { seed: 3 } };
    for (const speed of [0.1, 1, 10]) {
      const { host, frames, advance, onFrame } = setUp();
      const created = await host.create({ ...raft, followMessages: false }, onFrame);
      const id = created.ok ? created.simulationId : '';
      await host.pauseAt(id, { event: 'crash', node: 'n1' });
      await host.setSpeed(id, speed);
      await host.play(id);
      advance(2000 / speed + 500);
      const last = frames.at(-1)!;
      expect(last.playing, `speed ${speed}`).toBe(false);
      expect(last.now).toBe(2000);
      expect(last.reached).toEqual({ moment: { event: 'crash', node: 'n1' }, at: 2000 });
      expect(last.nodes.find((node) => node.id === 'n1')!.status).toBe('crashed');
      // The moment fires once: playing on does not stop there again, and acting clears the notice.
      await host.play(id);
      expect(frames.at(-1)!.reached).toBeNull();
      advance(100);
      expect(frames.at(-1)!.now).toBeGreaterThan(2000);
    }
  });

  it('runs on one clock (compare mode) play, pause, step and stop at a moment together, always at the same time', async () => {
    const { host, advance } = setUp();
    const latest = new Map<string, PostedFrame>();
    const sides = await Promise.all(
      ['async', 'sync'].map(async (mode) => {
        const created = await host.create(
          {
            scenario: 'replication/promote-async-follower',
            overrides: { seed: 5, params: { mode } },
            clock: 'compare-1',
          },
          (frame) => latest.set(frame.simulationId, frame),
        );
        return created.ok ? created.simulationId : '';
      }),
    );
    const [left, right] = sides as [string, string];
    const now = (id: string) => latest.get(id)!.now;
    await host.pauseAt(left, { atMs: 3000 });
    await host.pauseAt(right, { atMs: 3000 });
    await host.setSpeed(left, 100);
    // Play on one side plays both; their message paces differ, yet every tick leaves them at one time.
    await host.play(left);
    expect(latest.get(right)!.playing).toBe(true);
    for (let tick = 0; tick < 5000 && latest.get(left)!.playing; tick++) {
      advance(16);
      expect(now(right), `tick ${tick}`).toBe(now(left));
    }
    expect(latest.get(left)).toMatchObject({ now: 3000, playing: false, reached: { at: 3000 } });
    expect(latest.get(right)).toMatchObject({ now: 3000, playing: false, reached: { at: 3000 } });
    // Pausing or seeking one side stops both; a step moves both to the next thing in either run.
    await host.play(right);
    advance(200);
    await host.pause(right);
    expect(latest.get(left)!.playing).toBe(false);
    expect(now(left)).toBe(now(right));
    const before = now(left);
    await host.step(left);
    expect(now(left)).toBeGreaterThanOrEqual(before);
    expect(now(right)).toBe(now(left));
    await host.play(left);
    await host.seek(left, 100);
    expect(latest.get(right)!.playing).toBe(false);
    // Sharing a clock changes only when each run is shown: its state at a time is its own run's.
    await host.seek(right, 100);
    const straight = new Timeline(
      createSimulation('replication/promote-async-follower', { seed: 5, params: { mode: 'sync' } }),
    );
    straight.seek(100);
    expect(latest.get(right)!.digest).toBe(straight.sim.world.digest.toString(16).padStart(8, '0'));
  });

  it('finds when a moment first happens in this run, from a replay that leaves the run on screen alone', async () => {
    const { host, onFrame } = setUp();
    const created = await host.create({ scenario: 'raft/leader-crash', overrides: { seed: 3 } }, onFrame);
    const id = created.ok ? created.simulationId : '';
    await host.seek(id, 500);
    const before = host.frame(id).digest;
    expect(await host.findMoment(id, { event: 'crash', node: 'n1' })).toBe(2000);
    const leader = await host.findMoment(id, { event: 'leader', afterMs: 2000 });
    expect(leader).toBeGreaterThan(2150);
    expect(leader).toBeLessThan(2600);
    expect(await host.findMoment(id, { event: 'crash', node: 'n4' })).toBeNull();
    expect(host.frame(id)).toMatchObject({ now: 500, digest: before });
    // The student's own actions count: crash n4 at 500 ms and it is found there.
    await host.command(id, { at: 0, crash: 'n4' });
    expect(await host.findMoment(id, { event: 'crash', node: 'n4' })).toBe(500);
  });
});

describe('measure', () => {
  it("reads measures from a replay of the embed's run (scenario, seed, commands) and leaves the hosted run where it was", async () => {
    const { host, onFrame } = setUp();
    const created = await host.create({ scenario: 'raft/leader-crash', overrides: { seed: 3 } }, onFrame);
    if (!created.ok) throw new Error(created.problems.join('; '));
    await host.seek(created.simulationId, 1500);
    await host.command(created.simulationId, { at: 0, crash: 'n1' });
    const { commands, now, digest } = host.frame(created.simulationId);

    const [before, after] = await host.measure(
      { scenario: 'raft/leader-crash', overrides: { seed: 3 }, commands },
      [
        { measure: 'leader', at: 1000 },
        { measure: 'leader', at: 'end' },
      ],
    );
    expect(before).toMatchObject({ ok: true, value: 'n1', at: 1000 });
    expect(after).toMatchObject({ ok: true, at: expect.any(Number) });
    expect(after).not.toMatchObject({ value: 'n1' });
    expect(host.frame(created.simulationId)).toMatchObject({ now, digest });
  });

  it('plays in slow motion while a few messages fly, so a message stays on screen about half a second, and the run is unchanged', async () => {
    const { host, frames, advance, onFrame } = setUp();
    const created = await host.create({ scenario: 'raft/leader-crash', overrides: { seed: 3 } }, onFrame);
    const id = created.ok ? created.simulationId : '';
    await host.seek(id, 2100);
    // A guided step's pause already behind the run must not stop the slow motion.
    await host.pauseAt(id, { atMs: 100 });
    await host.play(id);
    advance(20_000);
    const played = frames.filter((frame) => frame.playing);
    // Every message in flight during the election is drawn in many frames: about 500 ms of wall time each.
    const framesPerMessage = new Map<number, number>();
    for (const frame of played)
      for (const message of frame.messages)
        framesPerMessage.set(message.id, (framesPerMessage.get(message.id) ?? 0) + 1);
    const counts = [...framesPerMessage.values()].sort((a, b) => a - b);
    expect(counts.length).toBeGreaterThan(5);
    const median = counts[Math.floor(counts.length / 2)]!;
    expect(median * 16).toBeGreaterThan(250);
    // The vote requests of the election are among them.
    expect(
      played.some((frame) => frame.messages.some((message) => message.label.startsWith('RequestVote'))),
    ).toBe(true);
    // Drawing glides between whole milliseconds.
    expect(played.some((frame) => frame.drawAt > frame.now)).toBe(true);
    // Pacing changes only how fast the run is shown: the state at a time is the same as a straight run.
    const last = frames.at(-1)!;
    const fresh = new Timeline(createSimulation('raft/leader-crash', { seed: 3 }, { checkInvariants: true }));
    fresh.seek(last.now);
    expect(last.digest).toBe(fresh.sim.world.digest.toString(16).padStart(8, '0'));
  });
});

function resolvedParts(scenario: ScenarioInput): ConstructorParameters<typeof Simulation> {
  const sim = createSimulation(scenario);
  return [sim.scenario, sim.protocol, sim.params, { checkInvariants: true }];
}

describe('run budget', () => {
  const worst = {
    scenario: 'broadcast/basic',
    overrides: {
      nodes: 64,
      workload: { clients: 64, ratePerClient: 10_000 },
      durationMs: 3_600_000,
    },
  };

  it('refuses the heaviest schema-legal run up front, saying what to change', async () => {
    const { host, onFrame } = setUp();
    const created = await host.create(worst, onFrame);
    expect(created.ok).toBe(false);
    expect(created.ok ? '' : created.problems.join()).toMatch(
      /too big to simulate in the browser: about 2,304,000,000 client requests on 64 nodes.*Use fewer clients/,
    );
  });

  it('accepts every registered scenario', () => {
    const tooBig = [...scenarios.keys()].filter((id) => {
      const resolved = resolveScenario(id);
      return resolved.ok && runSizeProblem(resolved.scenario) !== null;
    });
    expect(tooBig).toEqual([]);
  });

  it('bounds each tick by wall time: a run heavier than real time plays slower, and the worker stays free', async () => {
    // A wall clock that moves 50 ms every time it is read: each tick's budget is spent after one slice.
    let wall = 0;
    const ticks: (() => void)[] = [];
    const host = new SimulationHost({
      now: () => (wall += 50),
      setTimeout: (callback) => ticks.push(callback),
    });
    const frames: PostedFrame[] = [];
    const heavy = {
      scenario: 'broadcast/basic',
      overrides: { workload: { clients: 64, ratePerClient: 1000 }, durationMs: 10_000 },
    };
    const created = await host.create(heavy, (frame) => frames.push(frame));
    if (!created.ok) throw new Error(created.problems.join());
    await host.setSpeed(created.simulationId, 100);
    await host.play(created.simulationId);
    for (let tick = 0; tick < 5; tick++) ticks.shift()!();
    const last = frames.at(-1)!;
    // Five ticks of 100 ms at 100× asked for 50 s of simulated time; each got one slice of 1 ms, 2 ms…
    expect(last.now).toBeGreaterThan(0);
    expect(last.now).toBeLessThanOrEqual(5);
    expect(last.playing).toBe(true);
    expect(ticks).toHaveLength(1);
  });
});
