import { describe, expect, it } from 'vitest';
import { increment, join } from '../versionVector';
import { gCounterValue, incrementGCounter, mergeGCounters } from './gCounter';
import { isNewer, lwwValue, mergeLwwRegisters, writeLwwRegister } from './lwwRegister';
import { mergeMvRegisters, mvValues, writeMvRegister } from './mvRegister';
import { addToOrSet, emptyOrSet, mergeOrSets, orSetElements, removeFromOrSet } from './orSet';
import { addToPnCounter, emptyPnCounter, mergePnCounters, pnCounterValue } from './pnCounter';

describe('G-Counter', () => {
  it('adds the increments of every replica and ignores a merge it has already seen', () => {
    const east = incrementGCounter(incrementGCounter({}, 'us-east', 1), 'us-east', 2);
    const west = incrementGCounter({}, 'eu-west', 4);
    const merged = mergeGCounters(east, west);
    expect(gCounterValue(merged)).toBe(7);
    expect(gCounterValue(mergeGCounters(merged, west))).toBe(7);
  });

  it('refuses to shrink', () => {
    expect(() => incrementGCounter({}, 'us-east', -1)).toThrow(/only grows/);
  });
});

describe('PN-Counter', () => {
  it('counts increments and decrements from every replica', () => {
    const east = addToPnCounter(addToPnCounter(emptyPnCounter, 'us-east', 5), 'us-east', -2);
    const west = addToPnCounter(emptyPnCounter, 'eu-west', -1);
    expect(pnCounterValue(mergePnCounters(east, west))).toBe(2);
  });
});

describe('OR-Set', () => {
  it('lets an add win over a concurrent remove of the same element', () => {
    const both = addToOrSet(emptyOrSet, 'book', 'us-east:1');
    const removedInEast = removeFromOrSet(both, 'book');
    const addedAgainInWest = addToOrSet(both, 'book', 'eu-west:1');
    expect(orSetElements(mergeOrSets(removedInEast, addedAgainInWest))).toEqual(['book']);
  });

  it('removes every add the remover had observed, even after merging with stale replicas', () => {
    const stale = addToOrSet(addToOrSet(emptyOrSet, 'book', 'us-east:1'), 'cup', 'us-east:2');
    const removed = removeFromOrSet(stale, 'book');
    expect(orSetElements(mergeOrSets(stale, removed))).toEqual(['cup']);
    expect(orSetElements(mergeOrSets(removed, stale))).toEqual(['cup']);
  });
});

describe('LWW-Register', () => {
  const write = (value: number, timestamp: number, node: string, counter = 1) => ({
    value,
    timestamp,
    node,
    counter,
  });

  it('keeps the larger timestamp, whichever write arrives first', () => {
    const older = write(1, 100, 'us-east');
    const newer = write(2, 200, 'eu-west');
    expect(lwwValue(mergeLwwRegisters(older, newer))).toBe(2);
    expect(lwwValue(mergeLwwRegisters(newer, older))).toBe(2);
  });

  it('breaks timestamp ties by node, then by the node’s own counter', () => {
    expect(isNewer(write(1, 100, 'us-east'), write(2, 100, 'eu-west'))).toBe(true);
    expect(isNewer(write(1, 100, 'us-east', 3), write(2, 100, 'us-east', 2))).toBe(true);
  });

  it('silently drops a later write stamped by a clock that runs behind', () => {
    const fromFastClock = write(1, 1_500, 'eu-west'); // written at true time 1000 by a clock 500 ms ahead
    const later = write(2, 1_200, 'us-east'); // written at true time 1200 by a correct clock
    expect(lwwValue(writeLwwRegister(fromFastClock, later))).toBe(1);
  });
});

describe('multi-value register', () => {
  it('keeps concurrent writes as siblings and lets a write that saw them replace them', () => {
    const east = writeMvRegister([], 'a', increment({}, 'us-east'));
    const west = writeMvRegister([], 'b', increment({}, 'eu-west'));
    const merged = mergeMvRegisters(east, west);
    expect(mvValues(merged)).toEqual(['b', 'a']); // sorted by vector: eu-west:1 before us-east:1
    const resolved = writeMvRegister(
      merged,
      'ab',
      increment(join(east[0]!.vector, west[0]!.vector), 'us-east'),
    );
    expect(mvValues(resolved)).toEqual(['ab']);
    expect(mvValues(mergeMvRegisters(resolved, west))).toEqual(['ab']);
  });

  it('refuses a write whose vector has not seen the register’s history', () => {
    const east = writeMvRegister([], 'a', { 'us-east': 2 });
    expect(() => writeMvRegister(east, 'b', { 'eu-west': 1 })).toThrow(/must descend/);
  });
});
