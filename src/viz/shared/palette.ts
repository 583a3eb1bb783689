/**
 * Colours and shapes shared by every view. Colours come from the Okabe–Ito palette, which stays
 * distinguishable under the common forms of colour blindness; every meaning carried by colour is also
 * carried by a shape, a pattern or a text label, so nothing depends on colour alone.
 */
import type { NodeStatus } from '../../engine/core/world';

export const okabeIto = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
} as const;

/** Well-known roles get fixed colours so a leader looks the same in every lesson. */
const roleColours: Record<string, string> = {
  leader: okabeIto.orange,
  primary: okabeIto.orange,
  coordinator: okabeIto.orange,
  follower: okabeIto.skyBlue,
  replica: okabeIto.skyBlue,
  secondary: okabeIto.skyBlue,
  candidate: okabeIto.bluishGreen,
  participant: okabeIto.blue,
  learner: okabeIto.reddishPurple,
  witness: okabeIto.yellow,
};
const otherRoleColours = [okabeIto.blue, okabeIto.reddishPurple, okabeIto.bluishGreen, okabeIto.yellow];

/** A stable colour for any role name: known roles by table, others by a hash of the name. */
export function roleColour(role: string | undefined): string {
  if (!role) return okabeIto.skyBlue;
  const known = roleColours[role.toLowerCase()];
  if (known) return known;
  let hash = 0;
  for (const char of role) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return otherRoleColours[hash % otherRoleColours.length]!;
}

/** The one-letter badge drawn inside a node, so roles read without colour. */
export function roleInitial(role: string | undefined): string {
  return role ? role.charAt(0).toUpperCase() : '';
}

export const statusLabels: Record<NodeStatus, string> = { up: 'up', crashed: 'crashed', paused: 'paused' };

export type Outcome = 'ok' | 'failed' | 'indeterminate' | 'pending';

/** History bars: colour plus a fill pattern id (patterns are defined once per SVG by <VizPatterns>). */
export const outcomeStyles: Record<Outcome, { colour: string; pattern: string | null; label: string }> = {
  ok: { colour: okabeIto.bluishGreen, pattern: null, label: 'succeeded' },
  failed: { colour: okabeIto.vermillion, pattern: 'viz-hatch', label: 'failed' },
  indeterminate: {
    colour: okabeIto.orange,
    pattern: 'viz-dots',
    label: 'indeterminate (may or may not have happened)',
  },
  pending: { colour: okabeIto.grey, pattern: null, label: 'waiting for a reply' },
};

/** Series colours for charts, in the order lines are added. */
export const seriesColours = [
  okabeIto.blue,
  okabeIto.orange,
  okabeIto.bluishGreen,
  okabeIto.reddishPurple,
  okabeIto.vermillion,
  okabeIto.skyBlue,
];

/** Dash patterns that tell chart lines apart without colour. */
export const seriesDashes = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

const messageColours = [
  okabeIto.blue,
  okabeIto.vermillion,
  okabeIto.bluishGreen,
  okabeIto.reddishPurple,
  okabeIto.orange,
  okabeIto.skyBlue,
];

/** A stable colour per message type (its label), so "vote" and "append" differ in every view. */
export function messageColour(label: string): string {
  let hash = 0;
  for (const char of label) hash = (hash * 33 + char.charCodeAt(0)) >>> 0;
  return messageColours[hash % messageColours.length]!;
}
