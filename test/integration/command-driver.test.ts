import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/logger.js';
import { createHookRunner } from '../../src/runtime/hook-runner.js';
import { createCommandDriver } from '../../src/target/command-driver.js';
import { createCommandRouter } from '../../src/target/command-router.js';
import type { HookValues } from '../../src/target/ports.js';
import { HookError, RouterError } from '../../src/target/ports.js';
import { DEMO_APP_SERVER } from '../support/demo-app/index.js';
import { freePort } from '../support/prometheus.js';

/** Hooks as users write them, run by the real runner with real `sh`. */

/** Running: the process exists and is not a zombie. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function timedLogger(): Logger & { readonly lines: Array<{ at: number; line: string }> } {
  const lines: Array<{ at: number; line: string }> = [];
  const push = (line: string): void => {
    lines.push({ at: Date.now(), line });
  };
  return {
    lines,
    info: push,
    warning: (m) => push(`warning: ${m}`),
    error: (m) => push(`error: ${m}`),
    debug: () => {},
    mask: () => {},
  };
}

const values: HookValues = {
  service: 'api',
  environment: 'production',
  version: '1.4.2',
  previousVersion: '1.4.1',
  strategy: 'blue-green',
  phase: 'prepare',
  slot: 'green',
  addresses: ['127.0.0.1:8082'],
};

describe('command driver and command router with real sh', () => {
  let dir: string;
  const started: number[] = [];
  const runner = createHookRunner({ killGraceMs: 300 });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-hooks-'));
  });
  afterEach(() => {
    for (const pid of started.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes a version full of shell syntax to the hook verbatim and never executes it', async () => {
    const marker = join(dir, 'pwned');
    const version = `$(touch ${marker}) \`touch ${marker}\` "; touch ${marker}; echo " 'single' \${IFS} $HOME\nsecond line\n`;
    // The hook uses the value the careless ways too (unquoted, in a heredoc, in printf's format position).
    writeFileSync(
      join(dir, 'deploy.sh'),
      [
        '#!/bin/sh',
        'printf "%s" "$SHIPGATE_VERSION" > received',
        'echo $SHIPGATE_VERSION > /dev/null',
        'cat > /dev/null <<EOF',
        '$SHIPGATE_VERSION',
        'EOF',
        'printf "%s|%s|%s" "$SHIPGATE_SLOT" "$SHIPGATE_ADDRESSES" "$SHIPGATE_PREVIOUS_VERSION" > others',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const driver = createCommandDriver({
      runner,
      deploy: './deploy.sh',
      timeoutMs: 5_000,
      cwd: dir,
      logger: timedLogger(),
    });
    const run = await driver.deploy({ ...values, version });
    expect(run).toMatchObject({ hook: 'deploy', exitCode: 0, timedOut: false });
    expect(readFileSync(join(dir, 'received'), 'utf8')).toBe(version);
    expect(readFileSync(join(dir, 'others'), 'utf8')).toBe('green|127.0.0.1:8082|1.4.1');
    expect(existsSync(marker)).toBe(false);
  });

  it('kills a hook that runs past its timeout together with the processes it started', async () => {
    const logger = timedLogger();
    // A child that ignores SIGTERM, so the runner has to follow up with SIGKILL.
    const hook = `(trap '' TERM; while :; do sleep 0.05; done) & echo "child=$!"; echo "waiting for 127.0.0.1:8082"; sleep 30`;
    const driver = createCommandDriver({ runner, deploy: hook, timeoutMs: 300, cwd: dir, logger });
    const begun = Date.now();
    const error = (await driver.deploy(values).catch((e: unknown) => e)) as HookError;
    const child = Number(/child=(\d+)/.exec(logger.lines.map((entry) => entry.line).join('\n'))?.[1]);
    if (child > 0) started.push(child);
    expect(error).toBeInstanceOf(HookError);
    expect(error.message).toBe('deploy hook timed out after 300ms (last output: waiting for 127.0.0.1:8082)');
    expect(error.run).toMatchObject({ hook: 'deploy', timedOut: true });
    expect(Date.now() - begun).toBeLessThan(3_000);
    expect(child).toBeGreaterThan(0);
    expect(running(child)).toBe(false);
  });

  it('streams each line into the log as the hook prints it, in order', async () => {
    const logger = timedLogger();
    const driver = createCommandDriver({
      runner,
      deploy: 'echo one; sleep 0.3; echo two >&2; sleep 0.3; echo three; printf "no newline at the end"',
      timeoutMs: 5_000,
      cwd: dir,
      logger,
      group: async (title, body) => {
        logger.info(`::group::${title}`);
        try {
          return await body();
        } finally {
          logger.info('::endgroup::');
        }
      },
    });
    await driver.deploy(values);
    const lines = logger.lines.map((entry) => entry.line);
    expect(lines).toEqual([
      '::group::deploy hook: api 1.4.2 → green',
      'one',
      'two',
      'three',
      'no newline at the end',
      expect.stringMatching(/^deploy hook succeeded in \d/),
      '::endgroup::',
    ]);
    const at = (line: string): number => logger.lines.find((entry) => entry.line === line)?.at ?? Number.NaN;
    // Each line arrived while the hook still ran, not all at the end.
    expect(at('two') - at('one')).toBeGreaterThanOrEqual(200);
    expect(at('three') - at('two')).toBeGreaterThanOrEqual(200);
  });

  it('reports the exit code and the last stderr line of a failed hook', async () => {
    const driver = createCommandDriver({
      runner,
      deploy: 'echo pulling; echo "image api:1.4.2 not found" >&2; exit 3',
      timeoutMs: 5_000,
      cwd: dir,
      logger: timedLogger(),
    });
    await expect(driver.deploy(values)).rejects.toThrow('deploy hook exited with code 3: image api:1.4.2 not found');
  });

  it('deploys a real service in the background with the deploy hook and stops it with the retire hook', async () => {
    const port = await freePort();
    const deploy = [
      // Values only from the environment; the process outlives the hook (its output goes to a file).
      'node "$DEMO_APP" --port "${SHIPGATE_ADDRESSES##*:}" --version "$SHIPGATE_VERSION" --slot "$SHIPGATE_SLOT" > "app-$SHIPGATE_SLOT.log" 2>&1 &',
      'echo $! > "app-$SHIPGATE_SLOT.pid"',
      'for i in $(seq 1 100); do grep -q "listening" "app-$SHIPGATE_SLOT.log" && exit 0; sleep 0.05; done',
      'echo "app did not start: $(cat app-$SHIPGATE_SLOT.log)" >&2; exit 1',
    ].join('\n');
    const retire = 'kill "$(cat "app-$SHIPGATE_SLOT.pid")"';
    const withApp = {
      run: (request: Parameters<typeof runner.run>[0]) =>
        runner.run({ ...request, env: { ...request.env, DEMO_APP: DEMO_APP_SERVER } }),
    };
    const driver = createCommandDriver({
      runner: withApp,
      deploy,
      retire,
      timeoutMs: 10_000,
      cwd: dir,
      logger: timedLogger(),
    });
    const green = { ...values, version: '2.0.0', addresses: [`127.0.0.1:${port}`] };
    await driver.deploy(green);
    const pid = Number(readFileSync(join(dir, 'app-green.pid'), 'utf8'));
    started.push(pid);
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await response.json()).toMatchObject({ status: 'UP', version: '2.0.0' });
    const run = await driver.retire(green);
    expect(run).toMatchObject({ hook: 'retire', exitCode: 0 });
    const deadline = Date.now() + 5_000;
    while (running(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running(pid)).toBe(false);
  });

  it('runs a command router hook with the weights and the addresses that take traffic', async () => {
    const router = createCommandRouter({
      runner,
      route: 'printf "%s\\n%s\\n" "$SHIPGATE_WEIGHTS" "$SHIPGATE_ADDRESSES" > routed',
      timeoutMs: 5_000,
      logger: timedLogger(),
      cwd: dir,
    });
    await router.apply(
      {
        groups: [
          { name: 'blue', addresses: ['127.0.0.1:8081'], weight: 90 },
          { name: 'green', addresses: ['127.0.0.1:8082'], weight: 10 },
        ],
      },
      values,
    );
    expect(readFileSync(join(dir, 'routed'), 'utf8')).toBe('blue=90 green=10\n127.0.0.1:8081 127.0.0.1:8082\n');
    const failing = createCommandRouter({
      runner,
      route: 'echo "lb: 503" >&2; exit 2',
      timeoutMs: 5_000,
      logger: timedLogger(),
      cwd: dir,
    });
    await expect(
      failing.apply({ groups: [{ name: 'green', addresses: ['127.0.0.1:8082'], weight: 100 }] }, values),
    ).rejects.toThrow(RouterError);
    await expect(
      failing.apply({ groups: [{ name: 'green', addresses: ['127.0.0.1:8082'], weight: 100 }] }, values),
    ).rejects.toThrow('command router: route hook for green=100 exited with code 2: lb: 503');
  });
});
