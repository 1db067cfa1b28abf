import { it } from 'vitest';
import { measureB7 } from '../test/support/b7.js';

/**
 * B7 (SPEC §9): GitHub API requests of one deploy and of one rollback with the `github` store, with a
 * history of three, and with 3,000 older deployments of the service and 1,000 newer ones of other
 * services in the environment (seeded into the emulator directly, shaped as shipgate writes them). The
 * committed bundles run under Node 24 against the emulator; requests are counted at the emulator.
 */
const report = (figure: Record<string, unknown>): void => {
  console.log(`BENCH ${JSON.stringify(figure)}`);
};

it('B7: GitHub requests of a deploy and a rollback do not grow with the history', async () => {
  const short = await measureB7(false);
  const long = await measureB7(true);
  for (const action of ['deploy', 'rollback'] as const) {
    const budget = Math.max(short[action] * 1.5, short[action] + 6);
    report({
      id: 'B7',
      what: `GitHub requests of one ${action}: 3,000 older + 1,000 neighbouring deployments vs a history of three`,
      value: long[action],
      unit: 'requests',
      budget: Math.floor(budget),
      extra: `history of three: ${short[action]}; ratio ${(long[action] / short[action]).toFixed(2)}`,
    });
  }
}, 600_000);
