import { describe, expect, it } from 'vitest';
import { renderStatus, type StatusView } from '../../../src/cli/status-view.js';
import { styleFor } from '../../../src/cli/terminal.js';

const view: StatusView = {
  service: 'weave-api',
  environment: 'production',
  activeVersion: '1.4.2',
  activeSlot: null,
  slots: {},
  instances: {},
  weights: { source: 'record', weights: {}, note: 'no router' },
  target: ['weave_api: 2/2 tasks run registry/weave-api:1.4.1 (version 1.4.1)'],
  lock: null,
  drift: [
    'swarm: service weave_api runs registry/weave-api:1.4.1 (version 1.4.1), but the record says 1.4.2 is active',
  ],
  history: [],
};

describe('shipgate status with what Swarm runs', () => {
  it('shows each service Swarm runs and the drift from the record', () => {
    const text = renderStatus(view, styleFor(false, {}));
    expect(text).toContain('  swarm runs:\n    weave_api: 2/2 tasks run registry/weave-api:1.4.1 (version 1.4.1)\n');
    expect(text).toContain(
      '  drift: swarm: service weave_api runs registry/weave-api:1.4.1 (version 1.4.1), but the record says 1.4.2 is active\n',
    );
  });

  it('shows no swarm lines for a target that cannot tell what runs', () => {
    const text = renderStatus({ ...view, target: [], drift: [] }, styleFor(false, {}));
    expect(text).not.toContain('swarm runs');
    expect(text).not.toContain('drift');
  });
});
