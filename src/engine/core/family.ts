import type { ScenarioInput } from './schema';
import type { AnyProtocol } from './types';

/**
 * What a protocol family folder (`protocols/<family>/index.ts`) exports: the protocols it implements and
 * the named scenarios it contributes. A family may have scenarios only (they run other families' protocols
 * side by side) or protocols only. `catalog/registry.ts` lists every family, one line each.
 */
export interface ProtocolFamily {
  protocols: readonly AnyProtocol[];
  scenarios: readonly ScenarioInput[];
}
