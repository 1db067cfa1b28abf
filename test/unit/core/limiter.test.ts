import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src/core/limiter.js';

/** A promise and the function that resolves it (Promise.withResolvers is past the project's ES2022 lib). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once and starts the rest in order', async () => {
    const limiter = createLimiter(2);
    const started: number[] = [];
    const gates = [0, 1, 2, 3].map(() => deferred());
    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  });

  it('drops a waiter whose signal aborts, and refuses an aborted signal at once', async () => {
    const limiter = createLimiter(1);
    const hold = deferred();
    const first = limiter.run(() => hold.promise);
    const controller = new AbortController();
    const waiting = limiter.run(async () => 'ran', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(limiter.run(async () => 'ran', controller.signal)).rejects.toThrow('stop');
    hold.resolve();
    await first;
    expect(await limiter.run(async () => 'free')).toBe('free');
  });
});
