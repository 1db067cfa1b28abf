import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';
import { node24, repoRoot } from '../support/paths.js';

/**
 * The committed dist/cli bundle as an operator runs it: in a pseudo-terminal (util-linux `script`, so
 * stdout and stderr are a TTY and Ctrl-C is a real ^C through the terminal's line discipline) and in a
 * pipe, against real nginx in front of real demo-app processes.
 */
let ws: DeployWorkspace;
let nginx: RunningNginx;
let upstreamFile: string;
let slots: { blue: string[]; green: string[] };

const SCRIPT = '/usr/bin/script';
const cli = join(repoRoot, 'dist', 'cli', 'index.js');

function writeConfig(pause: string): void {
  ws.writeConfig({
    strategy: 'canary',
    target: { kind: 'command', deploy: hookCommand('deploy'), retire: hookCommand('retire'), timeout: '30s', slots },
    router: {
      kind: 'nginx',
      'upstream-file': upstreamFile,
      'upstream-name': 'web',
      reload: nginx.reloadCommand,
      test: nginx.testCommand,
    },
    health: {
      url: 'http://{address}/health',
      'expect-json': { status: 'UP' },
      interval: '100ms',
      timeout: '1s',
      deadline: '5s',
    },
    canary: { steps: [{ weight: 20, pause }] },
  });
}

beforeAll(async () => {
  expect(existsSync(SCRIPT), 'util-linux script drives the CLI in a pseudo-terminal').toBe(true);
  ws = createDeployWorkspace();
  slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  upstreamFile = join(ws.dir, 'upstream.conf');
  writeFileSync(upstreamFile, `upstream web { server ${slots.blue[0]}; }\n`);
  nginx = await startNginx({ upstreamFile, upstreamName: 'web' });
  writeConfig('30s');
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  await ws?.stop();
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: ws.dir,
  ...ws.env,
  ...extra,
});

/** The CLI in a pipe: stdout and stderr apart, neither a TTY. */
function piped(args: readonly string[], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(node24, [cli, ...args], { cwd: ws.dir, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const quote = (arg: string): string => `'${arg.replace(/'/g, "'\\''")}'`;

/**
 * The CLI in a pseudo-terminal: what the terminal showed (stdout and stderr together, as a person sees
 * them), the exit code (script -e passes it on), and `onOutput` to act on what is on screen so far.
 */
function inTerminal(
  args: readonly string[],
  options: { extra?: Record<string, string>; onOutput?: (screen: string, child: ChildProcess) => void } = {},
): Promise<Run> {
  // exec: the shell script starts would otherwise take the ^C too, and die of it after the CLI exited.
  const command = `exec ${[node24, cli, ...args].map(quote).join(' ')}`;
  return new Promise((resolve) => {
    const child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], {
      cwd: ws.dir,
      env: { ...env(options.extra), TERM: 'xterm' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      options.onOutput?.(screen, child);
    });
    child.on('close', (code) => resolve({ code, stdout: screen, stderr: '' }));
  });
}

const upstream = (): string => readFileSync(upstreamFile, 'utf8');
const MARKDOWN = ['###', '| ---', '```', 'mermaid', 'gantt', '&lt;', '&gt;', '&amp;', '<details>', '**'];
const deployArgs = (version: string) => ['deploy', '--environment', 'production', '--version', version];

describe('shipgate in a terminal', () => {
  it.each(COMMANDS.map((command) => [command.name]))('prints the usage of %s for --help, exit 0', async (name) => {
    const run = await inTerminal([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: shipgate ${name} --environment ENV`));
    expect(run.stdout).toContain('--json');
  });

  it('prints the usage with exit 2 for a bare shipgate, an unknown command and a missing flag', async () => {
    for (const args of [[], ['deplyo'], ['deploy', '--environment', 'production']]) {
      const run = await inTerminal(args);
      expect(run.code, run.stdout).toBe(2);
      expect(run.stdout).toMatch(/^shipgate: /);
    }
  });

  it('shows a live progress line during a canary pause, and routes traffic back through nginx on Ctrl-C', async () => {
    writeConfig('30s');
    expect((await piped(deployArgs('1.0.0'))).code).toBe(0);
    let status: Promise<Run> | undefined;
    let interrupted = false;
    const run = await inTerminal(deployArgs('1.1.0'), {
      onOutput: (screen, child) => {
        // Two redraws of the pause's line, a second apart: then look at the status, then press Ctrl-C.
        const redraws = screen.match(/\r\u001b\[2Kstep \d+ of \d+: gate green at 20% for 30s · \ds of 30s/g) ?? [];
        if (interrupted || new Set(redraws).size < 2) return;
        interrupted = true;
        status = piped(['status', '--environment', 'production']).then((result) => {
          child.stdin?.write('\u0003');
          return result;
        });
      },
    });
    expect(interrupted, run.stdout).toBe(true);
    expect(run.code, run.stdout).toBe(1);
    expect(upstream()).toContain(slots.blue[0]);
    expect(upstream()).not.toContain(slots.green[0]);
    expect(run.stdout).toContain('^C');
    expect(run.stdout).toMatch(/SIGINT: stopping the step in flight and routing traffic back/);
    expect(run.stdout).toMatch(/shipgate deploy: web 1\.1\.0 → production: .*↩️ rolled back/);
    expect(run.stdout).toMatch(/why:.* cancelled during gate green at 20% for 30s \(received SIGINT\)/);
    expect(run.stdout).toMatch(/last: http:\/\/127\.0\.0\.1:\d+\/health: 200/);
    expect(run.stdout).toContain('\u001b[33m'); // colour on a TTY
    for (const markdown of MARKDOWN) expect(run.stdout).not.toContain(markdown);

    // While the pause ran, status saw the lock held by a live process and nginx's split, unlike the record.
    const during = (await status) as Run;
    expect(during.code, during.stderr).toBe(0);
    expect(during.stdout).toMatch(/lock: held by .* pid \d+ since .*; holder alive \(pid \d+ runs on this host\)/);
    expect(during.stdout).toContain('traffic: blue=80% green=20% (as the router has it)');
    expect(during.stdout).toMatch(/drift: the router sends blue=80% green=20%; the record says blue=100%/);
    const after = await piped(['status', '--environment', 'production']);
    expect(after.stdout).toContain('active version: 1.0.0 on blue');
    expect(after.stdout).toContain('lock: free');
    expect(after.stdout).toMatch(/deploy +full +1\.1\.0 +canary +rolled-back/);
  }, 60_000);
});

describe('shipgate without a terminal', () => {
  it('prints plain progress lines at a steady cadence, plain text on stdout, and exit 0', async () => {
    writeConfig('2s');
    const run = await piped(deployArgs('1.2.0'), { SHIPGATE_PROGRESS_INTERVAL: '500ms' });
    expect(run.code, run.stderr).toBe(0);
    const progress = run.stderr
      .split('\n')
      .filter((line) => /^waiting: step \d+ of \d+: gate green at 20% for 2s/.test(line));
    expect(progress.length, run.stderr).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatch(/ · 0s of 2s · last: http:\/\/127\.0\.0\.1:\d+\/health: 200 \(healthy\)$/);
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout + run.stderr).not.toContain('\u001b[');
    expect(run.stdout).toMatch(/^shipgate deploy: web 1\.2\.0 → production: ✅ succeeded\n/);
    for (const markdown of MARKDOWN) expect(run.stdout).not.toContain(markdown);
  }, 30_000);

  it('prints the report as one JSON document on stdout with --json, the logs on stderr', async () => {
    writeConfig('0s');
    const run = await piped([...deployArgs('1.3.0'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { result: string; version: string; steps: unknown[] };
    expect(report).toMatchObject({ result: 'succeeded', version: '1.3.0' });
    expect(report.steps.length).toBeGreaterThan(3);
    expect(run.stderr).toContain('deploy: route 20% to');
    const status = await piped(['status', '--environment', 'production', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ activeVersion: '1.3.0', lock: null, drift: [] });
  }, 30_000);

  it('exits 1 naming an unknown environment or service', async () => {
    const env = await piped(['status', '--environment', 'nope']);
    expect(env.code).toBe(1);
    expect(env.stderr.trim()).toBe(
      "shipgate: status: service 'web' has no environment 'nope' in .github/shipgate.yml (it has production)",
    );
    const service = await piped(['status', '--environment', 'production', '--service', 'api']);
    expect(service.code).toBe(1);
    expect(service.stderr.trim()).toBe("shipgate: status: no service 'api' in .github/shipgate.yml (it has web)");
  });

  it('says a lock whose holder process is gone is dead', async () => {
    const gone = spawn(node24, ['-e', '0']);
    const pid = gone.pid as number;
    await new Promise((resolve) => gone.on('close', resolve));
    const path = join(ws.dir, '.shipgate', 'state.json');
    const state = JSON.parse(readFileSync(path, 'utf8')) as { environments: Record<string, Record<string, unknown>> };
    const since = new Date().toISOString();
    const holder = `operator@${hostname()} pid ${pid}`;
    const environment = state.environments['web/production'] as Record<string, unknown>;
    environment.lock = { holder, since, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), id: 'x' };
    writeFileSync(path, JSON.stringify(state));
    const run = await piped(['status', '--environment', 'production']);
    expect(run.stdout).toContain(`lock: held by ${holder} since ${since}; holder dead (no process ${pid} on this host`);
    delete environment.lock;
    writeFileSync(path, JSON.stringify(state));
  });
});
