import { describe, expect, it } from 'vitest';
import { scenarios } from '../../engine/catalog/registry';
import { createSimulation } from '../../engine/catalog/resolve';
import { topologyOf } from '../../engine/core/frame';
import { failoverTopology } from '../../engine/protocols/failover/topology';
import { hubTopology } from '../../engine/protocols/transactions/shared/placement';
import { topologyLinks } from './topology';

const order = ['n1', 'n2', 'n3', 'n4', 'n5'];

describe('topologyLinks', () => {
  it('draws a chain as its four links, not the ten of a complete graph', () => {
    expect(topologyLinks({ shape: 'chain', order })).toEqual([
      ['n1', 'n2'],
      ['n2', 'n3'],
      ['n3', 'n4'],
      ['n4', 'n5'],
    ]);
  });

  it('closes a ring, centres a star or leader on the first node, and links every pair for all-to-all', () => {
    expect(topologyLinks({ shape: 'ring', order })).toContainEqual(['n5', 'n1']);
    expect(topologyLinks({ shape: 'ring', order })).toHaveLength(5);
    expect(topologyLinks({ shape: 'leader-follower', order: ['n3', 'n1', 'n2'] })).toEqual([
      ['n3', 'n1'],
      ['n3', 'n2'],
    ]);
    expect(topologyLinks({ shape: 'all-to-all', order })).toHaveLength(10);
  });

  it('adds extra links once, whichever way round they are given', () => {
    const links = topologyLinks({
      shape: 'star',
      order: ['lb', 's1', 's2'],
      extraLinks: [
        ['s1', 's2'],
        ['s2', 's1'],
        ['lb', 's1'],
      ],
    });
    expect(links).toEqual([
      ['lb', 's1'],
      ['lb', 's2'],
      ['s1', 's2'],
    ]);
  });
});

describe('the links each protocol declares', () => {
  const families = ['failover/', 'quorum/', 'twophase/', 'saga/', 'occ/', 'truetime/'];
  const ids = [...scenarios.keys()].filter((id) => families.some((family) => id.startsWith(family)));

  it('cover the scenarios of failover, quorum and the transaction protocols', () => {
    expect(ids.length).toBeGreaterThan(25);
  });

  // Every message is checked when it is sent, against the links drawn right after the event that sent it.
  // A reply goes back the way its request came, even when the requester has since changed role (a
  // candidate that lost, a leader that stepped down), so a message answering one that travelled a drawn
  // link counts as on that link.
  it.each(ids)('%s: every message travels a drawn link', (id) => {
    const sim = createSimulation(id);
    const seen = new Set<number>();
    const carried = new Set<string>();
    const offLinks = new Set<string>();
    while (sim.world.now <= sim.scenario.durationMs && sim.step()) {
      const sent = sim
        .pendingEvents()
        .flatMap((event) => (event.kind === 'deliver' && !seen.has(event.messageId) ? [event] : []));
      if (sent.length === 0) continue;
      const nodes = sim.world.nodes.map((node) => ({ id: node.id, view: sim.describeNode(node.id) }));
      const drawn = new Set(
        topologyLinks(topologyOf(sim, nodes)).flatMap(([a, b]) => [`${a}→${b}`, `${b}→${a}`]),
      );
      for (const { messageId, from, to } of sent) {
        seen.add(messageId);
        if (drawn.has(`${from}→${to}`)) carried.add(`${from}→${to}`);
        else if (!carried.has(`${to}→${from}`)) offLinks.add(`${from}→${to}`);
      }
    }
    if (!id.startsWith('truetime/')) expect(seen.size).toBeGreaterThan(0);
    expect([...offLinks]).toEqual([]);
  });

  it('draw a quiet failover cluster as a star around its leader, and add the links of a candidate during an election', () => {
    const views = (roles: Record<string, string>) =>
      new Map(Object.entries(roles).map(([id, role]) => [id, { role }]));
    const nodes = ['n1', 'n2', 'n3', 'n4'];
    const quiet = failoverTopology(
      nodes,
      views({ n1: 'leader', n2: 'follower', n3: 'follower', n4: 'follower' }),
      'star',
    );
    expect(topologyLinks(quiet)).toHaveLength(3);
    const electing = failoverTopology(
      nodes,
      views({ n1: 'leader', n2: 'candidate', n3: 'follower', n4: 'follower' }),
      'star',
    );
    expect(topologyLinks(electing)).toEqual([
      ['n1', 'n2'],
      ['n1', 'n3'],
      ['n1', 'n4'],
      ['n2', 'n3'],
      ['n2', 'n4'],
    ]);
  });

  it('draw a saga as its orchestrator linked to its services only, and TrueTime nodes with no link at all', () => {
    expect(topologyLinks(hubTopology('n1', ['n2', 'n4'], ['n1', 'n2', 'n3', 'n4']))).toEqual([
      ['n1', 'n2'],
      ['n1', 'n4'],
    ]);
    expect(topologyLinks({ shape: 'none', order })).toEqual([]);
  });
});
