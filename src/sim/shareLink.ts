/**
 * Share links: the URL holds one embed's scenario, seed and command log, which is everything needed to
 * replay its run exactly. Each embed reads its own query parameter, `sim-<embed key>`, whose value is
 * base64url-encoded JSON: `{ "v": 1, "scenario": "family/name", "seed": 42, "commands": [Action, …] }`.
 * Links are validated with zod on load; a malformed one yields a readable problem, never a crash.
 */
import { z } from 'zod';
import { actionSchema, formatIssues, type Action } from '../engine/core/schema';

export const shareStateSchema = z
  .object({
    v: z.literal(1),
    scenario: z.string().min(1),
    seed: z.number().int().min(0).max(0xffffffff),
    commands: z.array(actionSchema).max(10_000),
  })
  .strict();

export type ShareState = z.infer<typeof shareStateSchema>;

export type DecodedLink = { ok: true; state: ShareState } | { ok: false; problem: string };

/** The query parameter for one embed: `sim-` plus its key with anything but letters, digits and "-" made "-". */
export function shareParam(embedKey: string): string {
  return `sim-${embedKey.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded))
    throw new Error('it contains characters that base64url does not use');
  const padded = encoded.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (encoded.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function encodeShareState(state: {
  scenario: string;
  seed: number;
  commands: readonly Action[];
}): string {
  return toBase64Url(
    JSON.stringify({ v: 1, scenario: state.scenario, seed: state.seed, commands: state.commands }),
  );
}

export function decodeShareState(encoded: string): DecodedLink {
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(encoded));
  } catch (error) {
    return {
      ok: false,
      problem: `The link's simulation data could not be read (${error instanceof Error ? error.message : 'not valid'}).`,
    };
  }
  const parsed = shareStateSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problem: `The link's simulation data is not valid: ${formatIssues(parsed.error).slice(0, 3).join('; ')}.`,
    };
  return { ok: true, state: parsed.data };
}

/**
 * What the page's URL says about one embed: nothing, a run to replay, or a problem to show above the
 * default run. A link made for another scenario is a problem too (the embed's key matched by accident).
 */
export function readShareLink(search: string, embedKey: string, scenario: string): DecodedLink | null {
  const encoded = new URLSearchParams(search).get(shareParam(embedKey));
  if (encoded === null) return null;
  const decoded = decodeShareState(encoded);
  if (decoded.ok && decoded.state.scenario !== scenario) {
    return {
      ok: false,
      problem: `The link is for the simulation "${decoded.state.scenario}", not "${scenario}".`,
    };
  }
  return decoded;
}

/** The page's URL with this embed's state set, keeping every other parameter and the fragment. */
export function shareUrl(
  href: string,
  embedKey: string,
  state: { scenario: string; seed: number; commands: readonly Action[] },
): string {
  const url = new URL(href);
  url.searchParams.set(shareParam(embedKey), encodeShareState(state));
  return url.toString();
}
