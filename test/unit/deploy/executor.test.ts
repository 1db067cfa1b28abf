import { describe, expect, it } from 'vitest';
import { execute, StepFailure, type StepRunner } from '../../../src/deploy/executor.js';
import type { Step } from '../../../src/deploy/plan.js';
import { FakeClock } from '../../support/fake-clock.js';

const step = (name: string, kind: Step['kind'] = 'wait'): Step =>
  ({ kind: 'wait', name, ms: 0, ...(kind !== 'wait' ? {} : {}) }) as Step;

/** A runner that records what ran and undid, failing the steps named in `fail` and the undos in `failUndo`. */
function recorder(fail: string[] = [], failUndo: string[] = []) {
  const log: string[] = [];
  const run: StepRunner = async (s) => {
    log.push(`run ${s.name}`);
    if (fail.includes(s.name)) throw new StepFailure(`${s.name} broke`);
    return {
      undo: {
        name: `undo ${s.name}`,
        run: async () => {
          log.push(`undo ${s.name}`);
          if (failUndo.includes(s.name)) throw new Error(`undo of ${s.name} broke`);
        },
      },
    };
  };
  return { log, run };
}

describe('execute', () => {
  it('runs every step in order and attempts no rollback when all succeed', async () => {
    const { log, run } = recorder();
    const result = await execute([step('a'), step('b')], run, { clock: new FakeClock(), rollbackOnError: true });
    expect(log).toEqual(['run a', 'run b']);
    expect(result.failure).toBeNull();
    expect(result.rollback).toEqual({ attempted: false, succeeded: false, errors: [] });
    expect(result.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
    ]);
  });

  it('undoes the completed steps newest first when a step fails, keeping the original error', async () => {
    const { log, run } = recorder(['c']);
    const result = await execute([step('a'), step('b'), step('c'), step('d')], run, {
      clock: new FakeClock(),
      rollbackOnError: true,
    });
    expect(log).toEqual(['run a', 'run b', 'run c', 'undo b', 'undo a']);
    expect(result.failure).toEqual({ step: 'c', reason: 'c broke' });
    expect(result.rollback).toEqual({ attempted: true, succeeded: true, errors: [] });
    expect(result.steps.filter((s) => s.rollback).map((s) => s.name)).toEqual(['undo b', 'undo a']);
  });

  it('runs the remaining undos when one fails, and reports it next to the original error', async () => {
    const { log, run } = recorder(['c'], ['b']);
    const result = await execute([step('a'), step('b'), step('c')], run, {
      clock: new FakeClock(),
      rollbackOnError: true,
    });
    expect(log).toEqual(['run a', 'run b', 'run c', 'undo b', 'undo a']);
    expect(result.failure?.reason).toBe('c broke');
    expect(result.rollback).toEqual({ attempted: true, succeeded: false, errors: ['undo b: undo of b broke'] });
  });

  it('leaves everything as it is when rollback-on-error is off', async () => {
    const { log, run } = recorder(['b']);
    const result = await execute([step('a'), step('b')], run, { clock: new FakeClock(), rollbackOnError: false });
    expect(log).toEqual(['run a', 'run b']);
    expect(result.rollback.attempted).toBe(false);
  });

  it('runs the undo a failed step leaves behind (a deploy hook that failed half-way) first', async () => {
    const log: string[] = [];
    const run: StepRunner = async (s) => {
      log.push(`run ${s.name}`);
      if (s.name === 'b') {
        const failure = new StepFailure('b broke') as StepFailure & { undo: unknown };
        failure.undo = { name: 'clean up b', run: async () => void log.push('clean up b') };
        throw failure;
      }
      return { undo: { name: `undo ${s.name}`, run: async () => void log.push(`undo ${s.name}`) } };
    };
    await execute([step('a'), step('b')], run, { clock: new FakeClock(), rollbackOnError: true });
    expect(log).toEqual(['run a', 'run b', 'clean up b', 'undo a']);
  });

  it('rolls back a cancelled run even with rollback-on-error off, with a signal of its own', async () => {
    const cancel = new AbortController();
    const log: string[] = [];
    const run: StepRunner = async (s, signal) => {
      log.push(`run ${s.name}`);
      if (s.name === 'b') {
        cancel.abort(new Error('received SIGTERM'));
        expect(signal.aborted).toBe(true);
        throw new Error('aborted');
      }
      return {
        undo: {
          name: `undo ${s.name}`,
          run: async (undoSignal) => void log.push(`undo ${s.name} ${undoSignal.aborted ? 'aborted' : 'live'}`),
        },
      };
    };
    const result = await execute([step('a'), step('b'), step('c')], run, {
      clock: new FakeClock(),
      rollbackOnError: false,
      signal: cancel.signal,
    });
    expect(log).toEqual(['run a', 'run b', 'undo a live']);
    expect(result.failure?.reason).toBe('cancelled during b (received SIGTERM)');
    expect(result.steps.find((s) => s.name === 'b')?.outcome).toBe('cancelled');
  });

  it('reports a best-effort step that fails without failing or rolling back the deploy', async () => {
    const { log, run } = recorder(['retire old']);
    const result = await execute([step('a'), step('retire old'), step('c')], run, {
      clock: new FakeClock(),
      rollbackOnError: true,
      bestEffort: (s) => s.name === 'retire old',
    });
    expect(log).toEqual(['run a', 'run retire old', 'run c']);
    expect(result.failure).toBeNull();
    expect(result.steps.map((s) => s.outcome)).toEqual(['succeeded', 'failed', 'succeeded']);
  });
});
