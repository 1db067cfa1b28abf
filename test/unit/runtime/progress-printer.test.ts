import { describe, expect, it } from 'vitest';
import type { WaitUpdate } from '../../../src/core/progress.js';
import { ProgressPrinter } from '../../../src/runtime/progress-printer.js';

/** A printer on a hand-driven clock and ticker: what it drew, printed and cleared, in order. */
function printer(redraw: boolean, everyMs = 15_000) {
  let now = 0;
  let tick: (() => void) | undefined;
  const out: string[] = [];
  const instance = new ProgressPrinter(
    {
      status: (text) => out.push(`status ${text}`),
      clear: () => out.push('clear'),
      line: (text) => out.push(`line ${text}`),
    },
    {
      redraw,
      everyMs,
      now: () => now,
      every: (_ms, fn) => {
        tick = fn;
        return { stop: () => (tick = undefined) };
      },
    },
  );
  const advance = (ms: number): void => {
    now += ms;
    tick?.();
  };
  return { instance, out, advance, ticking: () => tick !== undefined };
}

const pause: WaitUpdate = {
  step: 'gate green at 20% for 5m',
  position: { index: 4, count: 7 },
  elapsedMs: 0,
  totalMs: 300_000,
  lastVerdict: null,
};

describe('ProgressPrinter on a TTY', () => {
  it('draws the line at once, redraws it as time passes, and clears it when the wait ends', () => {
    const { instance, out, advance, ticking } = printer(true);
    instance.waiting(pause);
    advance(1_000);
    advance(1_000);
    instance.done();
    expect(out).toEqual([
      'status step 4 of 7: gate green at 20% for 5m · 0s of 5m',
      'status step 4 of 7: gate green at 20% for 5m · 1s of 5m',
      'status step 4 of 7: gate green at 20% for 5m · 2s of 5m',
      'clear',
    ]);
    expect(ticking()).toBe(false);
  });

  it('redraws a new verdict at most every 250 ms', () => {
    const { instance, out } = printer(true);
    instance.waiting(pause);
    instance.waiting({ ...pause, lastVerdict: 'a: 200' });
    expect(out).toHaveLength(1);
  });
});

describe('ProgressPrinter in a log', () => {
  it('prints nothing for a short wait and a line every 15 s for a long one', () => {
    const { instance, out, advance } = printer(false);
    instance.waiting(pause);
    for (let i = 0; i < 40; i += 1) advance(1_000);
    instance.waiting({ ...pause, elapsedMs: 40_000, lastVerdict: 'http://x/health: 200 (healthy)' });
    for (let i = 0; i < 5; i += 1) advance(1_000);
    instance.done();
    expect(out).toEqual([
      'line waiting: step 4 of 7: gate green at 20% for 5m · 15s of 5m',
      'line waiting: step 4 of 7: gate green at 20% for 5m · 30s of 5m',
      'line waiting: step 4 of 7: gate green at 20% for 5m · 45s of 5m · last: http://x/health: 200 (healthy)',
    ]);
  });

  it('starts counting again for the next wait', () => {
    const { instance, out, advance } = printer(false, 2_000);
    instance.waiting(pause);
    advance(1_000);
    instance.done();
    instance.waiting({ ...pause, step: 'wait scale-down-delay 30s', totalMs: 30_000 });
    advance(1_000);
    advance(1_000);
    expect(out).toEqual(['line waiting: step 4 of 7: wait scale-down-delay 30s · 2s of 30s']);
  });
});
