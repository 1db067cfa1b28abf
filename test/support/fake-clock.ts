import type { Clock } from '../../src/core/clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/** Lets every pending promise callback and I/O callback run before time moves on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A clock whose time moves only when the test says so. `run` drives a whole async operation: whenever
 * nothing else can happen, it jumps to the next timer, so a 2-minute watch finishes in milliseconds.
 */
export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 10, 22, 3, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Pending sleeps, for assertions that nothing is left running. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.fire(next);
    }
    this.time = target;
    await settle();
  }

  /** Runs `operation` to its end, jumping to the next timer whenever it is idle; fails past `limitMs` of fake time. */
  async run<T>(operation: Promise<T>, limitMs = 24 * 3_600_000): Promise<T> {
    let done = false;
    const result = operation.finally(() => {
      done = true;
    });
    result.catch(() => undefined);
    const limit = this.time + limitMs;
    for (;;) {
      await settle();
      if (done) return result;
      const next = this.earliest();
      if (!next) throw new Error('FakeClock.run: the operation is waiting on something other than the clock');
      if (next.at > limit) throw new Error(`FakeClock.run: still running after ${limitMs}ms of fake time`);
      this.fire(next);
    }
  }

  private earliest(): Timer | undefined {
    return this.timers.reduce<Timer | undefined>(
      (best, t) => (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq) ? t : best),
      undefined,
    );
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.resolve();
  }
}
