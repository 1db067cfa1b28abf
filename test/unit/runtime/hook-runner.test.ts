import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandEnd, describeCommandEnd } from '../../../src/core/command-runner.js';
import { ShipgateError } from '../../../src/core/errors.js';
import { createHookRunner, inheritedEnv, OUTPUT_TAIL_BYTES } from '../../../src/runtime/hook-runner.js';

/** Gone: no such process, or a zombie waiting for a reaper (it no longer runs). */
function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

const started: number[] = [];
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

function pidsIn(text: string): number[] {
  const pids = [...text.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
  started.push(...pids);
  return pids;
}

describe('createHookRunner', () => {
  const runner = createHookRunner({ killGraceMs: 500 });

  it.each([
    ['true', 0],
    ['exit 3', 3],
    ['false', 1],
    ['exit 255', 255],
  ])('reports the exit code of %j', async (command, exitCode) => {
    const result = await runner.run({ command, env: {}, timeoutMs: 5_000 });
    expect(result).toMatchObject({ exitCode, signal: null, timedOut: false, aborted: false });
  });

  it('reports a shell ended by a signal', async () => {
    const result = await runner.run({ command: 'kill -9 $$', env: {}, timeoutMs: 5_000 });
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: false });
    expect(describeCommandEnd(commandEnd(result, 5_000))).toBe('was killed by SIGKILL');
  });

  it('captures both streams and hands over every line, the unterminated last one too', async () => {
    const lines: string[] = [];
    const result = await runner.run({
      command: 'echo one; echo two >&2; printf "three\\r\\nfour"',
      env: {},
      timeoutMs: 5_000,
      onLine: (stream, line) => lines.push(`${stream}: ${line}`),
    });
    expect(result.stdout).toBe('one\nthree\r\nfour');
    expect(result.stderr).toBe('two\n');
    expect(lines.filter((line) => line.startsWith('stdout'))).toEqual(['stdout: one', 'stdout: three', 'stdout: four']);
    expect(lines).toContain('stderr: two');
  });

  it('passes values only through the environment, verbatim and never executed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-runner-'));
    try {
      const marker = join(dir, 'pwned');
      const value = `$(touch ${marker}) \`touch ${marker}\` "; touch ${marker}; echo " 'single' $HOME \\n ${'$'}{IFS}`;
      const result = await runner.run({
        command: 'printf "%s" "$SHIPGATE_VERSION"; printf "|%s" $SHIPGATE_VERSION >/dev/null',
        env: { SHIPGATE_VERSION: value },
        timeoutMs: 5_000,
      });
      expect(result.stdout).toBe(value);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds the given variables to its own environment', async () => {
    const result = await runner.run({
      command: 'echo "$SHIPGATE_SLOT:${PATH:+has-path}"',
      env: { SHIPGATE_SLOT: 'green' },
      timeoutMs: 5_000,
    });
    expect(result.stdout).toBe('green:has-path\n');
  });

  it('runs in the given directory, and refuses a directory that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-runner-'));
    try {
      const result = await runner.run({ command: 'pwd', cwd: dir, env: {}, timeoutMs: 5_000 });
      expect(result.stdout.trim()).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const error = await runner
      .run({ command: 'pwd', cwd: '/nonexistent/shipgate', env: {}, timeoutMs: 5_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShipgateError);
    expect((error as ShipgateError).code).toBe('command-start');
    expect((error as ShipgateError).message).toMatch(/^could not start sh in \/nonexistent\/shipgate: /);
  });

  it('kills the command, its child and its grandchild at the timeout', async () => {
    const command = '(sleep 60 & echo "pid=$!"; wait) & sleep 60 & echo "pid=$!"; wait';
    const before = performance.now();
    const result = await runner.run({ command, env: {}, timeoutMs: 300 });
    const elapsed = performance.now() - before;
    const pids = pidsIn(result.stdout);
    expect(pids).toHaveLength(2);
    expect(result).toMatchObject({ timedOut: true, aborted: false, exitCode: null, signal: 'SIGTERM' });
    expect(describeCommandEnd(commandEnd(result, 300))).toBe('timed out after 300ms');
    expect(pids.filter((pid) => !gone(pid))).toEqual([]);
    expect(elapsed).toBeLessThan(300 + 500 + 1_000);
  });

  it('kills with SIGKILL a grandchild that ignores SIGTERM', async () => {
    const command = `sh -c 'trap "" TERM; echo "pid=$$"; exec sleep 60' & wait`;
    const result = await runner.run({ command, env: {}, timeoutMs: 300 });
    const pids = pidsIn(result.stdout);
    expect(pids).toHaveLength(1);
    expect(result.timedOut).toBe(true);
    expect(pids.filter((pid) => !gone(pid))).toEqual([]);
  });

  it('ends the command and its whole group when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = runner.run({
      command: 'sleep 60 & echo "pid=$!"; wait',
      env: {},
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    const result = await pending;
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null });
    expect(pidsIn(result.stdout).filter((pid) => !gone(pid))).toEqual([]);
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it('does not start a command whose signal is already aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-runner-'));
    try {
      const result = await runner.run({
        command: `touch ${join(dir, 'ran')}`,
        env: {},
        timeoutMs: 5_000,
        signal: AbortSignal.abort(),
      });
      expect(result).toMatchObject({ aborted: true, exitCode: null });
      expect(existsSync(join(dir, 'ran'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns when the shell exits, leaving a background process it started running', async () => {
    const before = performance.now();
    const result = await runner.run({ command: 'sleep 30 & echo "pid=$!"', env: {}, timeoutMs: 10_000 });
    expect(performance.now() - before).toBeLessThan(2_000);
    expect(result.exitCode).toBe(0);
    const [pid] = pidsIn(result.stdout);
    expect(pid !== undefined && !gone(pid)).toBe(true);
  });

  it('returns within a bound when a background process keeps writing, and leaves it running', async () => {
    const before = performance.now();
    const result = await runner.run({
      command: '(while true; do echo tick; sleep 0.05; done) & echo "pid=$!"',
      env: {},
      timeoutMs: 10_000,
    });
    expect(performance.now() - before).toBeLessThan(3_000);
    expect(result.exitCode).toBe(0);
    const [pid] = pidsIn(result.stdout);
    // Its output is still drained, so it does not die of a write into a closed pipe.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pid !== undefined && !gone(pid)).toBe(true);
  });

  it(`keeps only the last ${OUTPUT_TAIL_BYTES / 1024} KiB of each stream`, async () => {
    const result = await runner.run({
      command: "head -c 300000 /dev/zero | tr '\\0' 'a'; echo; echo END; head -c 100000 /dev/zero | tr '\\0' 'b' >&2",
      env: {},
      timeoutMs: 10_000,
    });
    expect(result.stdout.length).toBe(OUTPUT_TAIL_BYTES);
    expect(result.stdout.endsWith('a\nEND\n')).toBe(true);
    expect(result.stderr).toBe('b'.repeat(OUTPUT_TAIL_BYTES));
  });
});

describe('inheritedEnv', () => {
  it("keeps the runner's environment but not the action's inputs or the runner's tokens", () => {
    const env = inheritedEnv({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      'INPUT_GITHUB-TOKEN': 'ghs_secret',
      ACTIONS_RUNTIME_TOKEN: 'runtime',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc',
      UNSET: undefined,
    });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/runner' });
  });
});
