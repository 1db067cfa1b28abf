import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commandEnd, describeCommandEnd } from '../../../src/core/command-runner.js';
import { createToolRunner } from '../../../src/runtime/tool-runner.js';

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

/** Polls (bounded) until `check` holds. */
async function eventually(check: () => boolean, withinMs: number): Promise<boolean> {
  const until = performance.now() + withinMs;
  while (!check()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('createToolRunner (@actions/exec under coreutils timeout)', () => {
  const runner = createToolRunner({ killGraceMs: 300 });

  it.each([
    ['true', [], 0],
    ['false', [], 1],
    ['sh', ['-c', 'exit 3'], 3],
    ['sh', ['-c', 'exit 124'], 124],
  ])('reports the exit code of %s %j', async (tool, args, exitCode) => {
    const result = await runner.run({ tool, args, timeoutMs: 5_000 });
    expect(result).toMatchObject({ exitCode, timedOut: false, aborted: false });
  });

  it('passes arguments verbatim, never through a shell', async () => {
    const value = '1.0; touch /tmp/shipgate-pwned $(id) `id` "quoted" \'single\'';
    const result = await runner.run({ tool: 'printf', args: ['%s', value], timeoutMs: 5_000 });
    expect(result.stdout).toBe(value);
  });

  it("streams lines, keeps both streams and adds the given variables to the runner's environment", async () => {
    const lines: string[] = [];
    // The action's inputs hold the token: the runner's environment is passed on without them.
    process.env.INPUT_GITHUB_TOKEN = 'ghs_not_for_tools';
    const result = await runner
      .run({
        tool: 'sh',
        args: ['-c', 'echo "$SHIPGATE_SERVICE"; echo oops >&2; echo "${INPUT_GITHUB_TOKEN:-no token}"'],
        env: { SHIPGATE_SERVICE: 'api' },
        timeoutMs: 5_000,
        onLine: (stream, line) => lines.push(`${stream}: ${line}`),
      })
      .finally(() => delete process.env.INPUT_GITHUB_TOKEN);
    // Two pipes: the order across streams is not kept, the order within each is.
    expect(lines.filter((line) => line.startsWith('stdout'))).toEqual(['stdout: api', 'stdout: no token']);
    expect(lines.filter((line) => line.startsWith('stderr'))).toEqual(['stderr: oops']);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'api\nno token\n', stderr: 'oops\n' });
  });

  it('ends a tool that runs past its limit, with the processes it started', async () => {
    const before = performance.now();
    const result = await runner.run({
      tool: 'sh',
      args: ['-c', 'sleep 60 & echo "pid=$!"; wait'],
      timeoutMs: 300,
    });
    const pid = Number(/pid=(\d+)/.exec(result.stdout)?.[1]);
    started.push(pid);
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
    expect(describeCommandEnd(commandEnd(result, 300))).toBe('timed out after 300ms');
    expect(performance.now() - before).toBeLessThan(300 + 300 + 2_000);
    expect(await eventually(() => gone(pid), 2_000)).toBe(true);
  });

  it('ends with SIGKILL a tool that ignores SIGTERM', async () => {
    const result = await runner.run({ tool: 'sh', args: ['-c', "trap '' TERM; sleep 60"], timeoutMs: 200 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
  });

  it('returns at once when cancelled, and the tool still ends at its limit', async () => {
    const controller = new AbortController();
    const before = performance.now();
    const running = runner.run({
      tool: 'sh',
      args: ['-c', 'echo "pid=$$"; exec sleep 60'],
      timeoutMs: 600,
      signal: controller.signal,
      onLine: () => controller.abort(),
    });
    const result = await running;
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null });
    expect(performance.now() - before).toBeLessThan(600);
    const pid = Number(/pid=(\d+)/.exec(result.stdout)?.[1]);
    started.push(pid);
    expect(await eventually(() => gone(pid), 600 + 300 + 2_000)).toBe(true);
  });

  it('does not start a tool whose signal is already aborted', async () => {
    const result = await runner.run({
      tool: 'touch',
      args: ['/nonexistent'],
      timeoutMs: 1_000,
      signal: AbortSignal.abort(),
    });
    expect(result).toMatchObject({ aborted: true, exitCode: null, stdout: '' });
  });

  it('reports a tool that does not exist with the reason', async () => {
    const result = await runner.run({ tool: 'shipgate-no-such-tool', args: [], timeoutMs: 1_000 });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toMatch(/shipgate-no-such-tool/);
  });

  it('refuses a working directory that does not exist', async () => {
    await expect(
      runner.run({ tool: 'true', args: [], cwd: '/nonexistent/shipgate', timeoutMs: 1_000 }),
    ).rejects.toThrow(/^could not start true: .*\/nonexistent\/shipgate/);
  });
});
