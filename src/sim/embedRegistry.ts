/**
 * The embeds on the page by key (a <Simulation>'s `id`; the sides of a compare embed are `<id>-left` and
 * `<id>-right`), so lesson components placed beside an embed (<Predict>, <WhatYouSaw>, quiz questions
 * bound to a run) can follow its run: the embed's store (its time, seed, command log and Play hold) and
 * the scenario and overrides it was built from. Each <Embed> registers itself while mounted.
 */
import { useSyncExternalStore } from 'react';
import type { RunSpec } from '../engine/analysis/measures/types';
import type { ScenarioInput, ScenarioOverrides } from '../engine/scenarios/schema';
import type { SimulationStore } from './store';

export interface RegisteredEmbed {
  key: string;
  store: SimulationStore;
  /** The registered scenario id, or the inline scenario. */
  source: string | ScenarioInput;
  /** The embed's overrides as written (the seed the student runs is in the store). */
  overrides: ScenarioOverrides;
}

const embeds = new Map<string, RegisteredEmbed>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

/** Registers an embed; returns the cleanup for a React effect. */
export function registerEmbed(embed: RegisteredEmbed): () => void {
  embeds.set(embed.key, embed);
  changed();
  return () => {
    if (embeds.get(embed.key) !== embed) return;
    embeds.delete(embed.key);
    changed();
  };
}

export function findEmbed(key: string): RegisteredEmbed | null {
  return embeds.get(key) ?? null;
}

/** The run a lesson's `for` (and `side`) names: that embed, or the left side of a compare embed when no side is given. */
export function embedForBinding(id: string, side?: 'left' | 'right'): RegisteredEmbed | null {
  if (side) return embeds.get(`${id}-${side}`) ?? null;
  return embeds.get(id) ?? embeds.get(`${id}-left`) ?? null;
}

/** The embeds of a lesson's `for` id: the embed itself, or both sides of a compare embed. */
export function embedsFor(id: string): RegisteredEmbed[] {
  const own = embeds.get(id);
  if (own) return [own];
  return [embeds.get(`${id}-left`), embeds.get(`${id}-right`)].filter((embed) => embed !== undefined);
}

/** Re-renders the caller whenever an embed registers or leaves. */
export function useEmbedRegistryVersion(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
    () => version,
  );
}

/** The run the student has in this embed now: its scenario, overrides with the current seed, and command log. */
export function runOf(embed: RegisteredEmbed): RunSpec {
  const state = embed.store.getState();
  return {
    scenario: embed.source,
    overrides: { ...embed.overrides, seed: state.seed },
    commands: state.frame?.commands ?? [],
  };
}
