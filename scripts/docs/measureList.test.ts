import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measures } from '../../src/engine/analysis/measures/index.ts';
import { questionTemplates } from '../../src/course/generated/templates/index.ts';
import { measuresSection, withMeasures } from './measureList.ts';

const root = path.resolve(import.meta.dirname, '../..');
const guide = readFileSync(path.join(root, 'docs/authoring.md'), 'utf8');

describe('docs/authoring.md', () => {
  it('lists every registered measure with its arguments, and every question template (npm run docs:measures updates it)', () => {
    expect(
      withMeasures(guide),
      'docs/authoring.md is out of date with the measures or templates: run npm run docs:measures',
    ).toBe(guide);
    for (const [id, measure] of measures) {
      expect(guide).toContain(`**\`${id}\`**`);
      for (const name of Object.keys(measure.args)) expect(measuresSection()).toContain(`\`${name}\` (`);
    }
    for (const id of questionTemplates.keys()) expect(guide).toContain(`**\`${id}\`**`);
  });

  it('has the section lessons:check links to, #predictions-and-measures', () => {
    expect(guide).toMatch(/^## Predictions and measures$/m);
  });

  it('writes a measure’s arguments under it, saying which are optional and which values they take', () => {
    const section = measuresSection(
      [
        {
          id: 'example',
          description: 'An example.',
          unit: 'ms',
          args: {
            node: { type: 'string', description: 'the node id' },
            which: { type: 'string', optional: true, oneOf: ['max', 'min'], description: 'max or min' },
          },
          compute: () => null,
        },
      ],
      [],
    );
    expect(section).toContain(
      '- **`example`** (ms): An example.\n  - `node` (string): the node id.\n  - `which` (string, optional): max or min. One of: `max`, `min`.',
    );
  });
});
