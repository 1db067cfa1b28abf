import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActionRun, runAction } from '../support/action-runner.js';
import { createDeployWorkspace, type DeployWorkspace, freePort, hookCommand } from '../support/deploy-workspace.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';

/**
 * Issue #10, items 6 and 7, with the committed deploy bundle under Node 24, real nginx in front of real
 * demo-app processes.
 */
let ws: DeployWorkspace;
let nginx: RunningNginx;
let upstreamFile: string;
let slots: { blue: string[]; green: string[] };

beforeEach(async () => {
  ws = createDeployWorkspace();
  slots = { blue: [`127.0.0.1:${await freePort()}`], green: [`127.0.0.1:${await freePort()}`] };
  upstreamFile = join(ws.dir, 'upstream.conf');
  writeFileSync(upstreamFile, `upstream web { server ${slots.blue[0]}; }\n`);
  nginx = await startNginx({ upstreamFile, upstreamName: 'web' });
}, 60_000);
afterEach(async () => {
  await nginx?.stop();
  await ws?.stop();
});

function writeConfig(test: string, health: Record<string, unknown> = {}): void {
  ws.writeConfig({
    strategy: 'canary',
    target: { kind: 'command', deploy: hookCommand('deploy'), retire: hookCommand('retire'), timeout: '30s', slots },
    router: { kind: 'nginx', 'upstream-file': upstreamFile, 'upstream-name': 'web', reload: nginx.reloadCommand, test },
    health: {
      url: 'http://{address}/health',
      'expect-json': { status: 'UP' },
      interval: '100ms',
      timeout: '1s',
      deadline: '5s',
      ...health,
    },
    canary: { steps: [{ weight: 20, pause: '1s' }] },
  });
}

const deploy = (version: string): Promise<ActionRun> =>
  runAction({
    action: 'deploy',
    cwd: ws.dir,
    env: ws.env,
    inputs: { environment: 'production', version, state: 'file' },
    timeoutMs: 60_000,
  });

/** What nginx serves: the demo app answers `/` with its version and slot. */
function served(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${nginx.url}/`, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('recovery with real nginx (issue #10)', () => {
  it('rolls back without a second test or reload when nginx -t fails on an unrelated directive: rolled-back, not failed (item 6)', {
    timeout: 90_000,
  }, async () => {
    writeConfig(nginx.testCommand);
    expect((await deploy('1.0.0')).exitCode).toBe(0);
    const before = readFileSync(upstreamFile);
    // From now on `nginx -t` fails whatever the upstream says (a broken directive elsewhere).
    writeConfig(`${nginx.testCommand} && false`);
    const workers = nginx.workers();
    const run = await deploy('1.1.0');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.outputs['failure-reason']).toMatch(/^route blue=80 green=20: nginx router: test of route .* failed/);
    expect(run.outputs['failure-reason']).not.toMatch(/rollback failed/);
    expect(readFileSync(upstreamFile).equals(before)).toBe(true);
    // Never reloaded: no worker started since (one left over from the first deploy's reload may have retired).
    expect(nginx.workers().filter((pid) => !workers.includes(pid))).toEqual([]);
    expect(await served()).toContain('1.0.0');
    expect(Object.keys(ws.pids())).toEqual([slots.blue[0]!.split(':')[1]]); // green retired
  });

  it('refuses a {adress} typo with one line naming the key, before any hook runs (item 7)', async () => {
    writeConfig(nginx.testCommand, { url: 'http://{adress}/health' });
    const run = await deploy('1.0.0');
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toEqual([
      expect.stringMatching(
        /key 'services\.web\.environments\.production\.health\.url' is 'http:\/\/\{adress\}\/health'; expected an http\(s\) URL; .*using only the placeholders .*\{adress\} is not a placeholder/,
      ),
    ]);
    expect(ws.pids()).toEqual({});
  });
});
