import { describe, expect, it } from 'vitest';
import type { CommandEnd, CommandResult, CommandRunner } from '../../../src/core/command-runner.js';
import {
  commandEnd,
  describeCommandEnd,
  lastOutputLine,
  oneLine,
  runCommand,
  succeeded,
} from '../../../src/core/command-runner.js';
import { ShipgateError } from '../../../src/core/errors.js';

const result = (fields: Partial<CommandResult>): CommandResult => ({
  exitCode: 0,
  signal: null,
  stdout: '',
  stderr: '',
  timedOut: false,
  aborted: false,
  durationMs: 5,
  ...fields,
});

describe('commandEnd', () => {
  it.each<[string, Partial<CommandResult>, CommandEnd]>([
    ['an exit code', { exitCode: 3 }, { kind: 'exit', code: 3 }],
    [
      'a timeout, whatever the signal',
      { exitCode: null, signal: 'SIGTERM', timedOut: true },
      { kind: 'timeout', afterMs: 600_000 },
    ],
    ['a cancel', { exitCode: null, signal: 'SIGTERM', aborted: true }, { kind: 'cancelled' }],
    ['a signal', { exitCode: null, signal: 'SIGKILL' }, { kind: 'signal', signal: 'SIGKILL' }],
    ['an unnamed signal', { exitCode: null }, { kind: 'signal', signal: 'a signal' }],
  ])('reads %s', (_name, fields, end) => {
    expect(commandEnd(result(fields), 600_000)).toEqual(end);
  });
});

describe('describeCommandEnd', () => {
  it.each<[CommandEnd, string, string]>([
    [{ kind: 'exit', code: 3 }, 'port 8082 is in use', 'exited with code 3: port 8082 is in use'],
    [{ kind: 'exit', code: 1 }, '', 'exited with code 1'],
    [
      { kind: 'timeout', afterMs: 600_000 },
      'waiting for :8082',
      'timed out after 10m (last output: waiting for :8082)',
    ],
    [{ kind: 'timeout', afterMs: 300 }, '', 'timed out after 300ms'],
    [{ kind: 'cancelled' }, '', 'was cancelled'],
    [{ kind: 'signal', signal: 'SIGTERM' }, 'bye', 'was killed by SIGTERM (last output: bye)'],
    [
      { kind: 'not-started', reason: 'could not start sh in /srv: spawn sh ENOENT' },
      '',
      'could not start sh in /srv: spawn sh ENOENT',
    ],
  ])('says %j with %j as %j', (end, line, text) => {
    expect(describeCommandEnd(end, line)).toBe(text);
  });

  it('counts only exit code 0 as success', () => {
    expect(succeeded({ kind: 'exit', code: 0 })).toBe(true);
    expect(succeeded({ kind: 'exit', code: 1 })).toBe(false);
    expect(succeeded({ kind: 'cancelled' })).toBe(false);
  });
});

describe('runCommand', () => {
  it('turns a runner that could not start the command into a not-started end', async () => {
    const runner: CommandRunner = {
      run: () => Promise.reject(new ShipgateError('command-start', 'could not start sh in /nope: spawn sh ENOENT')),
    };
    const outcome = await runCommand(runner, { command: 'true', env: {}, timeoutMs: 1_000 });
    expect(outcome.end).toEqual({ kind: 'not-started', reason: 'could not start sh in /nope: spawn sh ENOENT' });
    expect(outcome.result).toBeUndefined();
  });

  it("gives the result and its end, timed by the runner's duration", async () => {
    const runner: CommandRunner = { run: async () => result({ exitCode: 2, durationMs: 42 }) };
    const outcome = await runCommand(runner, { command: 'false', env: {}, timeoutMs: 1_000 });
    expect(outcome).toMatchObject({ end: { kind: 'exit', code: 2 }, durationMs: 42 });
  });
});

describe('lastOutputLine', () => {
  it('takes the last non-empty line of stderr first, then of stdout', () => {
    expect(lastOutputLine({ stdout: 'a\nb\n', stderr: 'why\n\n' })).toBe('why');
    expect(lastOutputLine({ stdout: 'a\nb\n', stderr: '' })).toBe('b');
    expect(lastOutputLine(undefined)).toBe('');
  });

  it('shortens a long line and makes control characters spaces', () => {
    expect(lastOutputLine({ stdout: 'x'.repeat(400), stderr: '' })).toBe(`${'x'.repeat(297)}...`);
    expect(oneLine('a\u0007b\u2028c')).toBe('a b c');
  });
});
