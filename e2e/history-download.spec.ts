/**
 * "Download history" in the History view: the file a student downloads from lesson 4's quorum embed is the
 * run on screen, in the format an outside checker reads (Porcupine's JSON, Jepsen's EDN).
 */
import { readFile } from 'node:fs/promises';
import { createSimulation } from '../src/engine/catalog/resolve';
import { historyFile, type HistoryFormat, type PorcupineOperation } from '../src/engine/checkers/export';
import type { HistoryOperation } from '../src/engine/core/types';
import { Embed, justWatch } from './embed.ts';
import { expect, test } from './fixtures.ts';

test('lesson 4: the downloaded Porcupine and EDN files hold the run on screen', async ({ page }) => {
  await page.goto('/lessons/consistency-and-cap?preview=instructor&e2e=1');
  const left = new Embed(page, 'quorums-left', 'N=3, W=1, R=1');
  await justWatch(page, 'w1-r1-stale', 'w2-r2-stale');
  await left.root.scrollIntoViewIfNeeded();
  await left.waitUntilReady();
  // Straight to 3 s through the embed's store (the timeline's own tests cover the slider).
  await page.evaluate(() => window.__simulations!['quorums-left']!.getState().seek(3000));
  await left.waitAt(3000);
  await left.root.getByRole('tab', { name: 'History' }).click();

  const frame = await page.evaluate(() => {
    const { frame } = window.__simulations!['quorums-left']!.getState();
    return { seed: frame!.seed, now: frame!.now, history: frame!.history, total: frame!.counters.operations };
  });
  expect(frame.history.length).toBeGreaterThan(10);
  expect(frame.history).toHaveLength(frame.total); // the frame holds the whole history to compare with

  const download = async (format: HistoryFormat, label: string) => {
    const chooser = left.root.getByLabel('History file for an outside checker');
    await chooser.selectOption({ label });
    await expect(chooser).toHaveValue(format);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      left.root.getByRole('button', { name: 'Download history' }).click(),
    ]);
    return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
  };
  // The same run computed here in Node, from the seed and time on screen.
  const sim = createSimulation('quorum/partial-quorums', { seed: frame.seed });
  sim.runUntil(frame.now);

  const porcupine = await download('porcupine', 'JSON for Porcupine');
  expect(porcupine).toEqual({
    name: `quorum-partial-quorums-seed-${frame.seed}-3000ms.porcupine.json`,
    text: historyFile(sim, 'porcupine').text,
  });
  const operations = JSON.parse(porcupine.text) as PorcupineOperation[];
  const onScreen = (operation: HistoryOperation) =>
    ['read', 'write', 'cas'].includes(operation.type) && operation.ok !== false;
  expect(operations.map((operation) => [operation.Metadata.Id, operation.Call / 1e6]).sort()).toEqual(
    frame.history
      .filter(onScreen)
      .map((operation) => [operation.id, operation.invoke])
      .sort(),
  );

  const edn = await download('edn', 'EDN for Jepsen (Knossos, Elle)');
  expect(edn).toEqual({
    name: `quorum-partial-quorums-seed-${frame.seed}-3000ms.history.edn`,
    text: historyFile(sim, 'edn').text,
  });
  const invocations = edn.text.split('\n').filter((line) => line.includes(':type :invoke'));
  expect(invocations).toHaveLength(frame.history.length);
});
