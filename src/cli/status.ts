import { SLOTS } from '../core/vocabulary.js';
import type { EnvironmentState } from '../state/ports.js';

/** `shipgate status`: what runs where, and the last deploys, as a person reads it in a terminal. */
export function renderStatus(service: string, environment: string, state: EnvironmentState): string {
  const lines = [
    `${service}/${environment}`,
    `  active version: ${state.activeVersion ?? '(none)'}${state.activeSlot ? ` on ${state.activeSlot}` : ''}`,
    ...SLOTS.filter((slot) => state.slots[slot]).map(
      (slot) => `  ${slot}: ${state.slots[slot]?.version} (${state.slots[slot]?.up ? 'up' : 'retired'})`,
    ),
    ...Object.entries(state.instances).map(([instance, version]) => `  ${instance}: ${version}`),
    '  history (newest first):',
    ...(state.history.length === 0
      ? ['    (none)']
      : state.history
          .slice(0, 10)
          .map(
            (entry) =>
              `    ${entry.startedAt}  ${entry.kind} ${entry.version} (${entry.strategy}) ${entry.finishedAt ? entry.result : 'in progress'}${entry.reason ? `: ${entry.reason}` : ''}`,
          )),
  ];
  return `${lines.join('\n')}\n`;
}
