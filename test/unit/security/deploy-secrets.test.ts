import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/deploy/config.js';
import { run } from '../../../src/deploy/deploy-action.js';
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
