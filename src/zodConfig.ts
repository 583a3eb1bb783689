/**
 * zod compiles object parsers with `new Function` where the page allows it, and probes for that the first
 * time an object schema is built. The course's Content-Security-Policy forbids eval, so the probe is a
 * CSP violation on every page (reported, though not logged). Turn the compiler off instead: the parsers
 * are the same, only not compiled. Every entry point (page, worker, test pages) imports this module
 * first, before any module that builds a schema.
 */
import { config } from 'zod/mini';

config({ jitless: true });
