/** The page's simulation worker, shared by every embed: loaded with the simulation code, started on first use. */
import type { SimulationWorkerApi } from '../worker/api';
import { getSimulationWorker } from '../worker/client';

export async function connectToWorker(): Promise<SimulationWorkerApi> {
  return getSimulationWorker();
}
