import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli, USAGE } from '../../../src/cli/cli.js';
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
});
