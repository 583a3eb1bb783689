/**
 * A page object for one <Simulation> embed, found by its key (its `id` prop, else its scenario id). With
 * `e2e=1` in the URL each embed's store is on window.__simulations, so tests read frames (time, digest)
 * precisely.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export interface FrameInfo {
  now: number;
  digest: string;
  playing: boolean;
  commands: unknown[];
  status: string;
}

/** Answers the lesson's <Predict>s with "I'll just watch", for tests about the run rather than the prediction. */
export async function justWatch(page: Page, ...predictionIds: string[]): Promise<void> {
  for (const id of predictionIds)
    await page.locator(`[data-predict="${id}"]`).getByRole('button', { name: 'I’ll just watch' }).click();
}

/** One embed on a page, found by its key (its `id` prop, else its scenario id). */
export class Embed {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly key: string,
    title?: string,
  ) {
    this.root = title
      ? page.getByRole('region', { name: `Simulation: ${title}` })
      : page.locator('section.sim').first();
  }

  static async open(
    page: Page,
    props: Record<string, unknown>,
    options: { compare?: boolean; query?: string } = {},
  ): Promise<Embed> {
    const query = `e2e=1&props=${encodeURIComponent(JSON.stringify(props))}${options.compare ? '&compare=1' : ''}${options.query ?? ''}`;
    await page.goto(`/bench-ui.html?${query}`);
    const embed = new Embed(page, String(props.id ?? props.scenario));
    if (!options.compare) await embed.waitUntilReady();
    return embed;
  }

  async info(): Promise<FrameInfo> {
    return this.page.evaluate((key) => {
      const state = window.__simulations![key]!.getState();
      const frame = state.frame;
      return {
        now: frame?.now ?? -1,
        digest: frame?.digest ?? '',
        playing: frame?.playing ?? false,
        commands: frame?.commands ?? [],
        status: state.status,
      };
    }, this.key);
  }

  async waitUntilReady(): Promise<void> {
    await this.page.waitForFunction(
      (key) => window.__simulations?.[key]?.getState().status === 'ready',
      this.key,
    );
  }

  async waitForTime(atLeast: number): Promise<void> {
    await this.page.waitForFunction(
      ([key, time]) => (window.__simulations?.[key]?.getState().frame?.now ?? 0) >= time,
      [this.key, atLeast] as const,
    );
  }

  /** Waits until a frame from exactly `time` has arrived and the run is paused there. */
  async waitAt(time: number): Promise<FrameInfo> {
    await this.page.waitForFunction(
      ([key, target]) => {
        const frame = window.__simulations?.[key]?.getState().frame;
        return frame?.now === target && !frame.playing;
      },
      [this.key, time] as const,
    );
    return this.info();
  }

  node(id: string): Locator {
    return this.root.getByRole('button', { name: new RegExp(`^${id},`) });
  }

  button(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }

  get timeline(): Locator {
    return this.root.getByRole('slider', { name: 'Timeline' });
  }

  get status(): Locator {
    return this.root.locator('.sim__status');
  }

  async pause(): Promise<FrameInfo> {
    await this.button('Pause').click();
    await expect(this.button('Play')).toBeVisible();
    await this.page.waitForFunction(
      (key) => window.__simulations?.[key]?.getState().frame?.playing === false,
      this.key,
    );
    return this.info();
  }

  async seekWithTimeline(time: number): Promise<FrameInfo> {
    await this.timeline.fill(String(time));
    return this.waitAt(time);
  }

  async crash(id: string): Promise<void> {
    await this.node(id).click();
    await this.page.getByRole('menuitem', { name: `Crash ${id}` }).click();
  }
}
