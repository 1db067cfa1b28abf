import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/deploy/rollback-action.js';
import { EMPTY_STATE } from '../../../src/state/ports.js';
import { FakeRuntime } from '../../support/fake-runtime.js';
import { deployFakes } from './deploy-fakes.js';

const INPUTS = {
  environment: 'production',
  service: 'web',
  config: '.github/shipgate.yml',
  state: 'file',
  'state-file': '.shipgate/state.json',
};

beforeAll(async () => {
  await import('../../../src/deploy/deploy-summary.js');
});

describe('rollback action run', () => {
  it('switches traffic back to the previous version while its slot is still up', async () => {
    const fakes = deployFakes({
      initial: {
        ...EMPTY_STATE,
        activeSlot: 'green',
        activeVersion: '1.1.0',
        slots: { blue: { version: '1.0.0', up: true }, green: { version: '1.1.0', up: true } },
      },
    });
    const runtime = new FakeRuntime({ ...INPUTS, 'to-version': '1.0.0' });
    await fakes.clock.run(run(runtime, fakes.adapters));
    expect(runtime.failures).toEqual([]);
    expect(runtime.outputs).toMatchObject({ result: 'rolled-back', 'from-version': '1.1.0', 'to-version': '1.0.0' });
    expect(fakes.routes.at(-1)).toBe('blue=100 green=0');
    expect(runtime.summary).toContain('1.0.0');
  });

  it('fails with one line when nothing is deployed, changing nothing', async () => {
    const fakes = deployFakes();
    const runtime = new FakeRuntime(INPUTS);
    await fakes.clock.run(run(runtime, fakes.adapters));
    expect(runtime.failures).toEqual([expect.stringMatching(/^rollback: nothing is deployed to web\/production/)]);
    expect(runtime.exitCode).toBe(1);
    expect([fakes.hooks, fakes.routes]).toEqual([[], []]);
  });

  it('refuses a bad input with one line naming it and exit 1', async () => {
    const fakes = deployFakes();
    const runtime = new FakeRuntime({ ...INPUTS, state: 'cloud' });
    await fakes.clock.run(run(runtime, fakes.adapters));
    expect(runtime.failures).toEqual([expect.stringMatching(/^rollback: input 'state' is 'cloud'; expected one of /)]);
    expect(fakes.stateKinds).toEqual([]);
  });
});
