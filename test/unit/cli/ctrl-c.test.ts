import { afterEach, describe, expect, it } from 'vitest';
import { createCliRuntime } from '../../../src/runtime/cli-runtime.js';

const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

afterEach(() => {
  // Only the listeners this test added go.
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) {
      if (!before[name].includes(listener)) process.removeListener(name, listener);
    }
  }
});

describe('Ctrl-C in the CLI', () => {
  it('aborts the run on the first Ctrl-C, and says the rollback goes on at the second instead of dying', () => {
    let stderr = '';
    const stream = {
      write: (chunk: string | Uint8Array) => {
        stderr += String(chunk);
        return true;
      },
    };
    const runtime = createCliRuntime({}, { stdout: stream, stderr: stream });
    const signal = runtime.cancelSignal();
    process.emit('SIGINT', 'SIGINT');
    expect(signal.aborted).toBe(true);
    expect(String((signal.reason as Error).message)).toBe('received SIGINT');
    expect(stderr).toBe(
      'shipgate: SIGINT: stopping the step in flight and routing traffic back to the stable version\n',
    );
    process.emit('SIGINT', 'SIGINT');
    expect(stderr.split('\n')[1]).toBe(
      'shipgate: still leaving things safe (routing traffic back); wait for it to finish, or Ctrl-\\ to quit at once',
    );
  });

  it('treats SIGTERM like Ctrl-C', () => {
    const stream = { write: () => true };
    const signal = createCliRuntime({}, { stdout: stream, stderr: stream }).cancelSignal();
    process.emit('SIGTERM', 'SIGTERM');
    expect((signal.reason as Error).message).toBe('received SIGTERM');
  });
});
