/// <reference types="vitest/config" />
import mdx from '@mdx-js/rollup';
import react from '@vitejs/plugin-react';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdxFrontmatter from 'remark-mdx-frontmatter';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { offlinePlugin } from './src/app/offline/pwaPlugin.ts';
import { lessonIndexPlugin } from './src/course/lessonIndexPlugin.ts';
import { remarkTableOfContents } from './src/course/remarkTableOfContents.ts';

/** The built course allows nothing inline and nothing from other origins. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy as a <meta> element in every built page, for hosts that do not send the header. A
 * <meta> policy cannot carry frame-ancestors (browsers ignore it there); that one needs the header.
 */
const contentSecurityPolicyMeta = {
  name: 'content-security-policy-meta',
  apply: 'build' as const,
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: contentSecurityPolicy.replace(/; frame-ancestors [^;]+/, ''),
      },
      injectTo: 'head-prepend' as const,
    },
  ],
};

/**
 * `vite build --mode e2e` (npm run build:e2e) is the test build: the production build plus the test pages
 * (engine-harness.html for e2e/engine-determinism.spec.ts; bench-ui.html, which mounts any simulation from its
 * URL, for `npm run bench:ui` and the browser tests) and the `?e2e=1` store hook (src/sim/testApi.ts), written
 * to dist-e2e/. The production build (dist/) and the LMS packages carry none of them.
 */
export const testBuildMode = 'e2e';

export default defineConfig(({ mode }) => ({
  base: process.env.COURSE_BASE_PATH ?? '/',
  // Every `from 'zod'` goes through src/zodJitless.ts, which switches off zod's eval probe (a CSP violation)
  // before any schema is built.
  resolve: {
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/zodJitless.ts', import.meta.url)) }],
  },
  plugins: [
    {
      enforce: 'pre',
      ...mdx({
        providerImportSource: '@mdx-js/react',
        remarkPlugins: [
          remarkFrontmatter,
          [remarkMdxFrontmatter, { name: 'frontmatter' }],
          remarkGfm,
          remarkTableOfContents,
        ],
      }),
    },
    react({ include: /\.(mdx|js|jsx|ts|tsx)$/ }),
    // COURSE_LESSONS_DIR builds another lessons folder (the new-lesson test uses it); default lessons/.
    lessonIndexPlugin({ lessonsDir: process.env.COURSE_LESSONS_DIR }),
    // LMS packages (npm run build:lms) run under the LMS's own policy and, for cmi5, must reach the LRS the LMS
    // names on another origin; they leave out the <meta> policy and the offline service worker.
    ...(process.env.COURSE_LMS_BUILD ? [] : [contentSecurityPolicyMeta, offlinePlugin()]),
  ],
  worker: { format: 'es' },
  build:
    mode === testBuildMode
      ? {
          outDir: 'dist-e2e',
          rollupOptions: {
            input: { main: 'index.html', engineHarness: 'engine-harness.html', benchUi: 'bench-ui.html' },
          },
        }
      : {},
  preview: {
    headers: { 'Content-Security-Policy': contentSecurityPolicy },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Property tests run many simulations; a loaded 2-core machine needs more than the 5 s default.
    testTimeout: 60_000,
  },
}));
