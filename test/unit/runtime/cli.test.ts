import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli, USAGE } from '../../../src/cli/cli.js';
import { parseConfig } from '../../../src/deploy/config.js';
import { createCliRuntime } from '../../../src/runtime/cli-runtime.js';
import { deployFakes } from '../actions/deploy-fakes.js';

let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('the shipgate command', () => {
  it('prints the usage for help', async () => {
    await runCli(['help'], createCliRuntime({}), { deploy: deployFakes().adapters }, {});
    expect(stdout).toBe(`${USAGE}\n`);
    expect(process.exitCode).toBeUndefined();
  });

  it('refuses an unknown flag with one line and exit 1', async () => {
    await runCli(['deploy', '--colour'], createCliRuntime({}), { deploy: deployFakes().adapters }, {});
    expect(stderr).toMatch(/^shipgate: Unknown option '--colour'.*; see 'shipgate help'\n$/);
    expect(process.exitCode).toBe(1);
  });

  it('runs the deploy action with the flags as its inputs and prints its summary, the token masked', async () => {
    const fakes = deployFakes();
    const runtime = createCliRuntime({});
    const env = { GITHUB_TOKEN: 'ghs_from_env' };
    const args = ['deploy', '--service', 'web', '--environment', 'production', '--version', '1.0.0', '--dry-run'];
    await runCli(args, runtime, { deploy: fakes.adapters }, env);
    expect(process.exitCode).toBeUndefined();
    expect(runtime.outputs.get('result')).toBe('planned');
    expect(stdout).toContain('1.0.0');
    expect(stderr).toContain('deploy: dry run; the plan is:');
    runtime.print('ghs_from_env');
    expect(stdout).not.toContain('ghs_from_env');
  });

  it('shows, for a swarm target, what Swarm runs and the drift from the record', async () => {
    const config = parseConfig(
      `version: 1
services:
  web:
    environments:
      production:
        target: { kind: swarm, image: "api:{version}", service: web, addresses: ["10.0.0.1:80"] }
        health: { url: "http://{address}/health" }
`,
      '.github/shipgate.yml',
    );
    const fakes = deployFakes({
      orchestrator: {
        update: () => Promise.reject(new Error('not called')),
        rollback: () => Promise.reject(new Error('not called')),
        observe: async () => ({ lines: ['web: 1/1 tasks run api:0.9.0 (version 0.9.0)'], drift: 'swarm: web drifted' }),
      },
    });
    const adapters = { ...fakes.adapters, loadConfig: () => ({ config }) };
    const args = ['status', '--service', 'web', '--environment', 'production'];
    await runCli(args, createCliRuntime({}), { deploy: adapters }, {});
    expect(process.exitCode).toBeUndefined();
    expect(stdout).toContain(
      '  swarm runs:\n    web: 1/1 tasks run api:0.9.0 (version 0.9.0)\n  drift: swarm: web drifted\n',
    );
  });
});
