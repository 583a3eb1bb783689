/** `npm run docs:measures`: rewrites the lists of measures and question templates in docs/authoring.md from their registries. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sectionEnd, sectionStart, withMeasures } from './docs/measureList.ts';

const root = path.resolve(import.meta.dirname, '..');
const guideFile = path.join(root, 'docs/authoring.md');
const updated = withMeasures(readFileSync(guideFile, 'utf8'));
if (updated === undefined) {
  console.error(`docs:measures: docs/authoring.md needs the lines\n  ${sectionStart}\n  ${sectionEnd}`);
  process.exitCode = 1;
} else {
  writeFileSync(guideFile, updated);
  console.log('docs/authoring.md: measures and question templates updated');
}
