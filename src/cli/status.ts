import { SLOTS } from '../core/vocabulary.js';
import type { EnvironmentState, LockInfo } from '../state/ports.js';

/** `shipgate status`: what runs where, and the last deploys, as a person reads it in a terminal. */
export function renderStatus(
  service: string,
  environment: string,
  state: EnvironmentState,
  lock: LockInfo | null = null,
): string {
  const lines = [
    `${service}/${environment}`,
    `  active version: ${state.activeVersion ?? '(none)'}${state.activeSlot ? ` on ${state.activeSlot}` : ''}`,
    ...SLOTS.filter((slot) => state.slots[slot]).map(
      (slot) => `  ${slot}: ${state.slots[slot]?.version} (${state.slots[slot]?.up ? 'up' : 'retired'})`,
    ),
    ...Object.entries(state.instances).map(([instance, version]) => `  ${instance}: ${version}`),
    ...lockLines(lock),
    ...(state.history[0]?.killed || (state.history[0] && state.history[0].finishedAt === null && !lock)
      ? [
          `  ! the last run (${state.history[0].version}) was killed mid-change: 'shipgate rollback' re-applies the stable route`,
        ]
      : []),
    '  history (newest first):',
    ...(state.history.length === 0
      ? ['    (none)']
      : state.history
          .slice(0, 10)
          .map(
            (entry) =>
              `    ${entry.startedAt}  ${entry.kind} ${entry.version} (${entry.strategy}${entry.phase && entry.phase !== 'full' ? ` ${entry.phase}` : ''}) ${entry.finishedAt ? entry.result : 'in progress'}${entry.reason ? `: ${entry.reason}` : ''}`,
          )),
  ];
  return `${lines.join('\n')}\n`;
}

/** The lock: who holds it, since when, and whether its process still runs (SPEC §8a). */
function lockLines(lock: LockInfo | null): string[] {
  if (!lock) return ['  lock: free'];
  const alive = lock.alive === true ? 'alive' : lock.alive === false ? "dead: 'shipgate unlock' releases it" : 'alive?';
  return [`  lock: held by ${lock.holder} since ${lock.since} (${alive})`];
}
