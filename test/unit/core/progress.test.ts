import { describe, expect, it } from 'vitest';
import {
  describeWait,
  formatClock,
  PROGRESS_EVERY_MS,
  type Progress,
  progressEveryMs,
  trackWait,
  type WaitUpdate,
} from '../../../src/core/progress.js';
import { FakeClock } from '../../support/fake-clock.js';

describe('the progress line', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [80_000, '1m20s'],
    [3_600_000 + 5 * 60_000, '1h05m'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it('says the step, its place in the plan, elapsed of total and the last verdict', () => {
    const update: WaitUpdate = {
      step: 'gate green at 10% for 5m',
      position: { index: 4, count: 9 },
      elapsedMs: 80_000,
      totalMs: 300_000,
      lastVerdict: 'http://127.0.0.1:8082/health: 200 (healthy)',
    };
    expect(describeWait(update)).toBe(
      'step 4 of 9: gate green at 10% for 5m · 1m20s of 5m · last: http://127.0.0.1:8082/health: 200 (healthy)',
    );
    expect(describeWait(update, 400_000)).toContain('· 5m00s of 5m ·'); // never past the total
    expect(describeWait({ ...update, totalMs: 122_000 }, 0)).toContain('· 0s of 2m02s ·');
    expect(describeWait({ ...update, totalMs: 300 }, 0)).toContain('· 0s of 300ms ·');
    expect(describeWait({ ...update, position: undefined, step: 'rollback: gate blue', lastVerdict: null })).toBe(
      'rollback: gate blue · 1m20s of 5m',
    );
  });

  it.each([
    [{}, PROGRESS_EVERY_MS],
    [{ SHIPGATE_PROGRESS_INTERVAL: '2s' }, 2_000],
    [{ SHIPGATE_PROGRESS_INTERVAL: '10ms' }, PROGRESS_EVERY_MS],
    [{ SHIPGATE_PROGRESS_INTERVAL: 'often' }, PROGRESS_EVERY_MS],
  ])('reads the log cadence from %j', (env, ms) => {
    expect(progressEveryMs(env)).toBe(ms);
  });
});

describe('trackWait', () => {
  it('reports the start, each verdict with the elapsed time on the clock, and the end', async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    const progress: Progress = {
      waiting: (update) => seen.push(`${update.elapsedMs} ${update.lastVerdict ?? '-'}`),
      done: () => seen.push('done'),
    };
    const tracker = trackWait(progress, clock, { step: 'wait scale-down-delay 30s', totalMs: 30_000 });
    await clock.advance(1_500);
    tracker.verdict('200');
    tracker.end();
    expect(seen).toEqual(['0 -', '1500 200', 'done']);
  });

  it('reports nothing without a progress port', () => {
    const tracker = trackWait(undefined, new FakeClock(), { step: 'x', totalMs: 1 });
    expect(() => {
      tracker.verdict('200');
      tracker.end();
    }).not.toThrow();
  });
});
