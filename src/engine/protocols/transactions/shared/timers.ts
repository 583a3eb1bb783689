/**
 * Timers that belong to one transaction, request or saga ("votes:t3", "retry:s2"). The engine keys timers
 * by name, so one name per (purpose, id) lets a node run many at once and cancel exactly one.
 */
export function keyedTimer(purpose: string, id: string): string {
  return `${purpose}:${id}`;
}

export function parseKeyedTimer(name: string): { purpose: string; id: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { purpose: name, id: '' } : { purpose: name.slice(0, colon), id: name.slice(colon + 1) };
}
