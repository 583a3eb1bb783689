/**
 * The offline course and its install: vite-plugin-pwa writes the web app manifest and a Workbox service worker
 * (sw.js) that precaches every page, lesson chunk, the simulation worker and the icons. The worker waits when a
 * new version is deployed (registerType "prompt"); src/app/offline/UpdateNotice.tsx asks the student to reload.
 * Registration is ours (src/app/offline/serviceWorker.ts), so nothing inline breaks the strict CSP.
 */
import { VitePWA } from 'vite-plugin-pwa';
import { courseTitle } from '../courseInfo.ts';

export function offlinePlugin() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    filename: 'sw.js',
    includeAssets: ['favicon.svg'],
    manifest: {
      name: courseTitle,
      short_name: 'DDB Live',
      description:
        'A live, interactive course on distributed databases, with simulated clusters that run in your browser.',
      start_url: '.',
      scope: '.',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0072b2',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
      // Test pages are not part of the course: not precached, and not answered with the course's page.
      globIgnores: ['engine-harness.html', 'bench-ui.html'],
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/\/engine-harness\.html/, /\/bench-ui\.html/],
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      cleanupOutdatedCaches: true,
    },
  });
}
