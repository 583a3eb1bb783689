/**
 * The Web Worker entry: one SimulationHost per page, exposed over comlink. Every <Simulation> embed on
 * the page talks to it through src/worker/client.ts.
 */
import { expose } from 'comlink';
import { SimulationHost } from './host';

expose(new SimulationHost());
