/** `npm run docs:measures`: rewrites the lists of measures and question templates in docs/authoring.md from their registries. */
import { sectionEnd, sectionStart, withMeasures } from './docs/measureList.ts';
import { rewriteGuide } from './docs/rewriteGuide.ts';

rewriteGuide(
  'docs:measures',
  'docs/authoring.md',
  withMeasures,
  [sectionStart, sectionEnd],
  'measures and question templates',
);
