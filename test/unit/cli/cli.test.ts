import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/cli.js';
import { COMMANDS } from '../../../src/cli/commands.js';
import { commandHelp, overview } from '../../../src/cli/help.js';
import { parseConfig } from '../../../src/deploy/config.js';
import type { DeployAdapters } from '../../../src/deploy/deploy-action.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { createCliRuntime } from '../../../src/runtime/cli-runtime.js';
import { CONFIG, deployFakes } from '../actions/deploy-fakes.js';

/** A terminal in memory: what the CLI wrote on stdout and stderr, and whether they are TTYs. */
function terminal(options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const out = { stdout: '', stderr: '' };
  const stream = (name: 'stdout' | 'stderr') => ({
    isTTY: options.tty ?? false,
    columns: 100,
    write: (chunk: string | Uint8Array) => {
      out[name] += String(chunk);
      return true;
    },
  });
  const runtime = createCliRuntime(options.env ?? {}, { stdout: stream('stdout'), stderr: stream('stderr') });
  return { runtime, out };
}

// Loaded ahead: a module import is I/O, which the fake clock's run would take for a stall.
beforeAll(async () => {
  await import('../../../src/deploy/deploy-summary.js');
});

afterEach(() => {
  process.exitCode = undefined;
});

const TWO_SERVICES = `${CONFIG}  api:\n    environments:\n      production:\n        strategy: canary\n        target: { kind: command, deploy: "./deploy.sh", slots: { blue: ["10.0.0.3:80"], green: ["10.0.0.4:80"] } }\n        router: { kind: command, route: "./route.sh" }\n        health: { url: "http://{address}/health" }\n        canary: { steps: [ { weight: 10 } ] }\n`;

describe('shipgate help and usage', () => {
  it('prints the overview on stdout for help, --help and -h, exit 0', async () => {
    for (const args of [['help'], ['--help'], ['-h']]) {
      const { runtime, out } = terminal();
      await runCli(args, runtime, { deploy: deployFakes().adapters }, {});
      expect(out.stdout).toBe(overview(COMMANDS));
      expect(process.exitCode).toBeUndefined();
    }
  });

  it.each(COMMANDS.map((command) => [command.name]))('prints the usage of %s for --help, exit 0', async (name) => {
    const command = COMMANDS.find((candidate) => candidate.name === name);
    for (const args of [
      [name, '--help'],
      ['help', name],
      [name, '-h', '--environment', 'x'],
    ]) {
      const { runtime, out } = terminal();
      await runCli(args, runtime, { deploy: deployFakes().adapters }, {});
      expect(out.stdout).toBe(commandHelp(command as (typeof COMMANDS)[number]));
      expect(out.stdout).toMatch(new RegExp(`^usage: shipgate ${name} --environment ENV`));
      expect(process.exitCode).toBeUndefined();
    }
  });

  it('prints the usage on stderr with exit 2 when no command is given', async () => {
    const { runtime, out } = terminal();
    await runCli([], runtime, { deploy: deployFakes().adapters }, {});
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('usage: shipgate <command> [flags]');
    expect(process.exitCode).toBe(2);
  });

  it.each([
    [['deploy', '--colour'], "shipgate: deploy: unknown flag '--colour'"],
    [
      ['deploy', '--environmnt', 'production'],
      "shipgate: deploy: unknown flag '--environmnt'; did you mean --environment?",
    ],
    [['deploy', '--environment', 'production'], 'shipgate: deploy: missing --version'],
    [['deploy', '--version', '1.0.0'], 'shipgate: deploy: missing --environment'],
    [['deploy', '--environment'], "shipgate: deploy: flag '--environment' needs a value"],
    [
      ['rollback', 'production'],
      "shipgate: rollback: unexpected argument 'production'; every value goes with a flag (--name value)",
    ],
    [['status', '--version', '1'], "shipgate: status: unknown flag '--version'"],
    [['deplyo'], "shipgate: unknown command 'deplyo'; expected one of deploy, rollback, status, unlock"],
  ])('refuses %j with one line and a hint, exit 2', async (args, line) => {
    const { runtime, out } = terminal();
    await runCli(args, runtime, { deploy: deployFakes().adapters }, {});
    const lines = out.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(line);
    expect(lines[1]).toMatch(/shipgate .*--help/);
    expect(process.exitCode).toBe(2);
  });

  it('requires --service when the config has several services, and takes the only one otherwise', async () => {
    const fakes = deployFakes();
    const two: DeployAdapters = { ...fakes.adapters, loadConfig: () => ({ config: parseConfig(TWO_SERVICES, 'c') }) };
    const several = terminal();
    await runCli(['deploy', '--environment', 'production', '--version', '1.0.0'], several.runtime, { deploy: two }, {});
    expect(several.out.stderr.split('\n')[0]).toBe(
      'shipgate: deploy: missing --service: .github/shipgate.yml has several services (web, api)',
    );
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    const one = terminal();
    const args = ['deploy', '--environment', 'production', '--version', '1.0.0', '--dry-run'];
    await runCli(args, one.runtime, { deploy: fakes.adapters }, {});
    expect(one.out.stdout).toContain('shipgate deploy: web 1.0.0 → production');
    expect(process.exitCode).toBeUndefined();
  });
});

const ACTIVE_BLUE = {
  activeSlot: 'blue' as const,
  activeVersion: '1.0.0',
  slots: { blue: { version: '1.0.0', up: true } },
  instances: {},
  history: [],
};

/** The fakes' deploy, with the new slot (green, 10.0.0.2) answering 503. */
function sickGreen() {
  const fakes = deployFakes({ initial: ACTIVE_BLUE });
  const http: HttpClient = {
    request: async (request) =>
      request.url.includes('10.0.0.2')
        ? { kind: 'response', status: 503, body: '{"status":"DOWN"}', latencyMs: 2 }
        : { kind: 'response', status: 200, body: '{}', latencyMs: 2 },
  };
  const adapters: DeployAdapters = {
    ...fakes.adapters,
    buildDeployPorts: (settings, options) => ({ ...fakes.adapters.buildDeployPorts(settings, options), http }),
  };
  return { adapters, clock: fakes.clock };
}

describe('shipgate deploy in a terminal', () => {
  it('runs the deploy action with the flags as its inputs and prints its outcome, the token masked', async () => {
    const fakes = deployFakes();
    const { runtime, out } = terminal();
    const env = { GITHUB_TOKEN: 'ghs_from_env' };
    const args = ['deploy', '--service', 'web', '--environment', 'production', '--version', '1.0.0', '--dry-run'];
    await runCli(args, runtime, { deploy: fakes.adapters }, env);
    expect(process.exitCode).toBeUndefined();
    expect(runtime.outputs.get('result')).toBe('planned');
    expect(out.stdout).toContain('1.0.0');
    expect(out.stderr).toContain('deploy: dry run; the plan is:');
    runtime.print('ghs_from_env');
    expect(out.stdout).not.toContain('ghs_from_env');
  });

  it('prints text for a person, not the summary’s Markdown, and exits 0 when it succeeded', async () => {
    const fakes = deployFakes({ initial: ACTIVE_BLUE });
    const { runtime, out } = terminal({ tty: true });
    const args = ['deploy', '--environment', 'production', '--version', '1.1.0'];
    await fakes.clock.run(runCli(args, runtime, { deploy: fakes.adapters }, {}));
    expect(out.stdout).toContain('shipgate deploy: web 1.1.0 → production:');
    expect(out.stdout).toMatch(/route 10% to green +.*succeeded/);
    for (const markdown of ['###', '| ---', '```', 'mermaid', 'gantt', '&lt;', '&amp;', '<details>', '**']) {
      expect(out.stdout).not.toContain(markdown);
    }
    expect(out.stdout).toContain('\u001b[32m'); // green: a TTY gets colour
    expect(process.exitCode).toBeUndefined();
  });

  it('prints no colour when NO_COLOR is set, even on a TTY', async () => {
    const fakes = deployFakes({ initial: ACTIVE_BLUE });
    const { runtime, out } = terminal({ tty: true, env: { NO_COLOR: '1' } });
    const args = ['deploy', '--environment', 'production', '--version', '1.1.0'];
    await fakes.clock.run(runCli(args, runtime, { deploy: fakes.adapters }, {}));
    expect(out.stdout).toContain('✅ succeeded');
    expect(out.stdout).not.toContain('\u001b[');
  });

  it('prints the report as one JSON document with --json, and exits 1 when it rolled back', async () => {
    const { runtime, out } = terminal();
    const args = ['deploy', '--environment', 'production', '--version', '1.1.0', '--json'];
    const { adapters, clock } = sickGreen();
    await clock.run(runCli(args, runtime, { deploy: adapters }, {}));
    const report = JSON.parse(out.stdout) as { result: string; failureReason: string };
    expect(report.result).toBe('rolled-back');
    expect(report.failureReason).toMatch(/10\.0\.0\.2.*503/);
    expect(out.stderr).toMatch(/shipgate: deploy: rolled-back: gate failed/);
    expect(process.exitCode).toBe(1);
  });
});
