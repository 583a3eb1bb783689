/**
 * Every `import … from 'zod'` in the app resolves here (the alias in vite.config.ts). zod compiles object
 * parsers with `new Function` where the page allows it, and probes for that the first time an object schema
 * is built. The course's Content-Security-Policy forbids eval, so the probe is a CSP violation. Turning the
 * compiler off from an entry point is not enough: the bundler evaluates shared chunks (which build schemas
 * at load) before the entry's own code. Here the switch runs before any module that imports zod.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });

export * from 'zod/v4';
export { default } from 'zod/v4';
