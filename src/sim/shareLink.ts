/**
 * Share links: a link holds one embed's scenario, seed and command log, which is everything needed to
 * replay its run exactly. The state travels in the URL's fragment, `#sim-<embed key>=c1.<data>`, where
 * `<data>` is base64url of deflate-compressed JSON `{ "v": 1, "scenario", "seed", "commands" }`. The
 * fragment never reaches a server, so no host's limit on request lines can refuse a long link, and the
 * compression keeps links short enough to paste anywhere. A link carries nothing else: no other query
 * parameter (such as `preview` or `e2e`) and no other anchor.
 *
 * A link is untrusted input. It is read with caps on its length, on the decompressed size, on nesting
 * depth, on every string and on the number of actions, then validated against the embed's scenario (node
 * names included), so a bad link yields a readable problem and the default run, never a dead embed.
 * Links from before the fragment format (`?sim-<key>=<base64url JSON>`) still open.
 */
import { z } from 'zod';
import { validateAction } from '../engine/catalog/resolve';
import { actionSchema, formatIssues, type Action } from '../engine/core/schema';

/** Limits on what a link may hold; a link past any of them is refused with the limit named. */
export const shareLimits = {
  /** Actions in one link (replaying them all happens before the embed shows anything). */
  maxActions: 1_000,
  /** Characters of the encoded data in the URL. */
  maxEncodedChars: 100_000,
  /** Characters of JSON after decompression (a guard against compression bombs). */
  maxJsonChars: 300_000,
  /** Characters in any one string of the JSON (keys, values, node names). */
  maxStringChars: 200,
  /** Nesting of objects and arrays in the JSON; real runs need 6. */
  maxDepth: 8,
  /** Past this many characters a link may be cut by chat apps, mail clients and some hosts. */
  warnLinkChars: 8_000,
} as const;

export const shareStateSchema = z
  .object({
    v: z.literal(1),
    scenario: z.string().min(1),
    seed: z.number().int().min(0).max(0xffffffff),
    commands: z.array(z.unknown()).max(shareLimits.maxActions, {
      error: `a link holds at most ${shareLimits.maxActions} actions`,
    }),
  })
  .strict();

export interface ShareState {
  v: 1;
  scenario: string;
  seed: number;
  commands: Action[];
}

export type DecodedLink = { ok: true; state: ShareState } | { ok: false; problem: string };

interface RunToShare {
  scenario: string;
  seed: number;
  commands: readonly Action[];
}

const compressedPrefix = 'c1.';

/** The fragment (and, in old links, query) parameter for one embed: `sim-` plus its key made URL-safe. */
export function shareParam(embedKey: string): string {
  return `sim-${embedKey.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded))
    throw new Error('it contains characters that base64url does not use');
  const padded = encoded.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (encoded.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}

async function pipeBytes(
  bytes: Uint8Array,
  transform: CompressionStream | DecompressionStream,
  maxBytes: number,
) {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(transform).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`it unpacks to more than ${maxBytes.toLocaleString('en')} characters`);
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

export function encodeShareState(state: RunToShare): Promise<string> {
  return packJson(
    JSON.stringify({ v: 1, scenario: state.scenario, seed: state.seed, commands: state.commands }),
  );
}

/** Link data for any JSON text (tests use it to build links that no real run would make). */
export async function packJson(json: string): Promise<string> {
  const compressed = await pipeBytes(
    new TextEncoder().encode(json),
    new CompressionStream('deflate-raw'),
    Infinity,
  );
  return compressedPrefix + toBase64Url(compressed);
}

async function unpack(encoded: string): Promise<string> {
  if (encoded.length > shareLimits.maxEncodedChars)
    throw new Error(`it is longer than ${shareLimits.maxEncodedChars.toLocaleString('en')} characters`);
  const compressed = encoded.startsWith(compressedPrefix);
  const bytes = fromBase64Url(compressed ? encoded.slice(compressedPrefix.length) : encoded);
  const json = compressed
    ? await pipeBytes(bytes, new DecompressionStream('deflate-raw'), shareLimits.maxJsonChars)
    : bytes;
  if (json.byteLength > shareLimits.maxJsonChars)
    throw new Error(`it is longer than ${shareLimits.maxJsonChars.toLocaleString('en')} characters`);
  return new TextDecoder('utf-8', { fatal: true }).decode(json);
}

/** The first place where parsed JSON nests too deep or holds too long a string, or null. Iterative: no stack to overflow. */
export function shapeProblem(value: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (typeof item === 'string' && item.length > shareLimits.maxStringChars)
      return `a text in it is longer than ${shareLimits.maxStringChars} characters`;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= shareLimits.maxDepth) return `it nests deeper than ${shareLimits.maxDepth} levels`;
    for (const [key, child] of Object.entries(item)) {
      if (key.length > shareLimits.maxStringChars)
        return `a name in it is longer than ${shareLimits.maxStringChars} characters`;
      stack.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Reads a link's data and checks it against the scenario's node names. Every refusal starts with "The
 * link's simulation data" and says what is wrong.
 */
export async function decodeShareState(encoded: string, nodeIds?: readonly string[]): Promise<DecodedLink> {
  let json: unknown;
  try {
    json = JSON.parse(await unpack(encoded));
  } catch (error) {
    return {
      ok: false,
      problem: `The link's simulation data could not be read (${error instanceof Error ? error.message : 'not valid'}).`,
    };
  }
  const shape = shapeProblem(json);
  if (shape) return { ok: false, problem: `The link's simulation data was refused: ${shape}.` };
  const parsed = shareStateSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problem: `The link's simulation data is not valid: ${formatIssues(parsed.error).slice(0, 3).join('; ')}.`,
    };
  const commands: Action[] = [];
  for (const [index, input] of parsed.data.commands.entries()) {
    const checked = checkAction(input, nodeIds, `commands[${index}]`);
    if (!checked.ok)
      return {
        ok: false,
        problem: `The link's simulation data is not valid: ${checked.problems.slice(0, 3).join('; ')}.`,
      };
    commands.push(checked.action);
  }
  return { ok: true, state: { ...parsed.data, v: 1, commands } };
}

/** An action's shape, and with node ids also the nodes it names. */
function checkAction(input: unknown, nodeIds: readonly string[] | undefined, where: string) {
  if (nodeIds) return validateAction(input, nodeIds, where);
  const parsed = actionSchema.safeParse(input);
  return parsed.success
    ? { ok: true as const, action: parsed.data }
    : { ok: false as const, problems: formatIssues(parsed.error, where) };
}

/** Where a page's URL carries state for this embed: the fragment, or the query of an older link. */
export function sharedDataFor(url: { search: string; hash: string }, embedKey: string): string | null {
  const param = shareParam(embedKey);
  return (
    new URLSearchParams(url.hash.replace(/^#/, '')).get(param) ?? new URLSearchParams(url.search).get(param)
  );
}

/**
 * What the page's URL says about one embed: nothing, a run to replay, or a problem to show above the
 * default run. A link made for another scenario is a problem too (the embed's key matched by accident).
 */
export async function readShareLink(
  url: { search: string; hash: string },
  embedKey: string,
  scenario: string,
  nodeIds: readonly string[],
): Promise<DecodedLink | null> {
  const encoded = sharedDataFor(url, embedKey);
  if (encoded === null) return null;
  const decoded = await decodeShareState(encoded, nodeIds);
  if (decoded.ok && decoded.state.scenario !== scenario) {
    return {
      ok: false,
      problem: `The link is for the simulation "${decoded.state.scenario}", not "${scenario}".`,
    };
  }
  return decoded;
}

/** A link to this page that replays the run: the page's address, no query, and this embed's state as the fragment. */
export async function shareUrl(href: string, embedKey: string, state: RunToShare): Promise<string> {
  const url = new URL(href);
  return `${url.origin}${url.pathname}#${shareParam(embedKey)}=${await encodeShareState(state)}`;
}

/** The page's address without this embed's shared state (and without any fragment), for "back to the default run". */
export function withoutShareState(href: string, embedKey: string): string {
  const url = new URL(href);
  url.searchParams.delete(shareParam(embedKey));
  url.hash = '';
  return url.toString();
}
