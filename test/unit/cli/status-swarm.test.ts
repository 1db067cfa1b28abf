import { describe, expect, it } from 'vitest';
import { renderStatus } from '../../../src/cli/status.js';
import { EMPTY_STATE } from '../../../src/state/ports.js';

const state = { ...EMPTY_STATE, activeVersion: '1.4.2' };

describe('shipgate status with what Swarm runs', () => {
  it('shows each service Swarm runs and the drift from the record', () => {
    const text = renderStatus('weave-api', 'production', state, {
      lines: ['weave_api: 2/2 tasks run registry/weave-api:1.4.1 (version 1.4.1)'],
      drift:
        'swarm: service weave_api runs registry/weave-api:1.4.1 (version 1.4.1), but the record says 1.4.2 is active',
    });
    expect(text.split('\n').slice(0, 5)).toEqual([
      'weave-api/production',
      '  active version: 1.4.2',
      '  swarm runs:',
      '    weave_api: 2/2 tasks run registry/weave-api:1.4.1 (version 1.4.1)',
      '  drift: swarm: service weave_api runs registry/weave-api:1.4.1 (version 1.4.1), but the record says 1.4.2 is active',
    ]);
  });

  it('says there is no drift when Swarm runs what the record says', () => {
    const text = renderStatus('weave-api', 'production', state, { lines: [], drift: null });
    expect(text).toContain('  drift: none (Swarm runs what the record says)\n');
  });

  it('shows a daemon it cannot read instead of failing', () => {
    const text = renderStatus('weave-api', 'production', state, {
      error: 'swarm: the Docker daemon does not answer: …',
    });
    expect(text).toContain('  swarm: cannot tell what runs: swarm: the Docker daemon does not answer: …\n');
  });

  it('shows the record alone for a target that cannot tell what runs', () => {
    expect(renderStatus('web', 'production', state)).not.toMatch(/swarm|drift/);
  });
});
