import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/deploy/config.js';
import { type DeployAdapters, run } from '../../../src/deploy/deploy-action.js';
import { POST_STATE } from '../../../src/runtime/post-state.js';
import { FakeRuntime } from '../../support/fake-runtime.js';
import { CONFIG, deployFakes } from '../actions/deploy-fakes.js';

beforeAll(async () => {
  await import('../../../src/deploy/deploy-summary.js');
});

describe('deploy secrets from the config', () => {
  it('registers the health headers (and the Bearer credential) and URL user-info before the deploy runs', async () => {
    const config = CONFIG.replace(
      'health: { url: "http://{address}/health" }',
      'health: { url: "http://probe:s3cret-pass@{address}/health", headers: { Authorization: "Bearer cfg-token-123" } }',
    );
    const fakes = deployFakes();
    const adapters = { ...fakes.adapters, loadConfig: () => ({ config: parseConfig(config, '.github/shipgate.yml') }) };
    const runtime = new FakeRuntime({
      environment: 'production',
      version: '1.0.0',
      service: 'web',
      config: '.github/shipgate.yml',
      state: 'file',
      'dry-run': 'true',
    });
    await fakes.clock.run(run(runtime, adapters));
    expect(runtime.secrets).toEqual(
      expect.arrayContaining(['Bearer cfg-token-123', 'cfg-token-123', 'probe:s3cret-pass', 's3cret-pass']),
    );
  });
});

describe('what the deploy saves for its post step', () => {
  it('saves the failure reason masked: the post step writes it to GitHub and knows none of the config secrets', async () => {
    const config = CONFIG.replace(
      'health: { url: "http://{address}/health" }',
      'health: { url: "http://{address}/health", headers: { Authorization: "Bearer cfg-token-123" } }',
    );
    const fakes = deployFakes();
    const adapters: DeployAdapters = {
      ...fakes.adapters,
      loadConfig: () => ({ config: parseConfig(config, '.github/shipgate.yml') }),
      buildDeployPorts: (settings, ports) => ({
        ...fakes.adapters.buildDeployPorts(settings, ports),
        driver: {
          // A hook that prints what it was given: its output becomes the failure reason.
          deploy: async () => {
            throw new Error('deploy.sh: login refused for Bearer cfg-token-123');
          },
          retire: async () => ({ hook: 'retire', exitCode: 0, durationMs: 1, timedOut: false }),
        },
      }),
    };
    const runtime = new FakeRuntime({
      environment: 'production',
      version: '1.0.0',
      service: 'web',
      config: '.github/shipgate.yml',
      state: 'file',
    });
    await fakes.clock.run(run(runtime, adapters));
    const saved = runtime.state[POST_STATE.outcome] ?? '';
    expect(saved).toContain('login refused for ***');
    expect(saved).not.toContain('cfg-token-123');
  });
});
