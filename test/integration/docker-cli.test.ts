import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecDockerCli } from '../../src/runtime/docker-cli.js';

/** The DockerCli port over @actions/exec, against stand-in `docker` scripts: arguments, exit codes, the bound. */
let dir: string;
const script = (name: string, body: string): string => {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipgate-docker-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createExecDockerCli', () => {
  it('passes every argument as it is, never through a shell', async () => {
    const docker = script('echo-args', 'for arg in "$@"; do printf "<%s>\\n" "$arg"; done');
    const marker = join(dir, 'injected');
    const result = await createExecDockerCli(docker).run(
      ['service', 'update', '--image', `api:1.0 $(touch ${marker}); touch ${marker}`, 'web'],
      { timeoutMs: 10_000 },
    );
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    expect(result.stdout.trim().split('\n')).toEqual([
      '<service>',
      '<update>',
      '<--image>',
      `<api:1.0 $(touch ${marker}); touch ${marker}>`,
      '<web>',
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('returns a failing call with its exit code and stderr, without throwing', async () => {
    const docker = script('fails', 'echo "Error: No such service: web" >&2; exit 1');
    const result = await createExecDockerCli(docker).run(['service', 'inspect', 'web'], { timeoutMs: 10_000 });
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'Error: No such service: web\n', timedOut: false });
  });

  it('ends a call that hangs at its bound', async () => {
    const docker = script('hangs', 'sleep 30');
    const started = performance.now();
    const result = await createExecDockerCli(docker).run(['service', 'ls'], { timeoutMs: 1_000 });
    expect(result.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reports a docker CLI that cannot be run as exit 127', async () => {
    const result = await createExecDockerCli(join(dir, 'no-such-docker')).run(['info'], { timeoutMs: 5_000 });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toMatch(/no-such-docker/);
  });
});
