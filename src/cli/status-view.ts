import { formatDuration } from '../core/duration.js';
import { SLOTS, type Slot } from '../core/vocabulary.js';
import type { Liveness } from '../state/lock-liveness.js';
import type { EnvironmentState, HistoryEntry } from '../state/ports.js';
import { fitLine, type Style, table } from './terminal.js';

export type { Liveness } from '../state/lock-liveness.js';

export interface LockView {
  readonly holder: string;
  readonly since: string;
  readonly expiresAt?: string;
  readonly alive: Liveness;
  /** Why liveness is what it is: `pid 4242 runs on this host`, `a GitHub Actions run: see its page`. */
  readonly why: string;
}

/** Traffic as the router has it (nginx's upstream file), or as the record says when it cannot be read back. */
export interface WeightsView {
  readonly source: 'router' | 'record';
  /** Slot or instance → percent. */
  readonly weights: Readonly<Record<string, number>>;
  /** Why the router was not read (a command router, an unreadable file). */
  readonly note?: string;
}

/** What `shipgate status` shows, and prints as JSON with --json. */
export interface StatusView {
  readonly service: string;
  readonly environment: string;
  readonly activeVersion: string | null;
  readonly activeSlot: Slot | null;
  readonly slots: EnvironmentState['slots'];
  readonly instances: EnvironmentState['instances'];
  readonly weights: WeightsView;
  /** What the target runs, where it can tell (swarm: one line per service); empty elsewhere. */
  readonly target: readonly string[];
  readonly lock: LockView | null;
  /** Each difference between what the target runs or routes and what the record says, one line each. */
  readonly drift: readonly string[];
  /** The newest 10, newest first. */
  readonly history: readonly HistoryEntry[];
}

/** The history entry's phase, when the store records one (blue-green prepare, switch, …). */
export const phaseOf = (entry: HistoryEntry): string | undefined => entry.phase;

const took = (entry: HistoryEntry): string =>
  entry.finishedAt ? formatDuration(Date.parse(entry.finishedAt) - Date.parse(entry.startedAt)) : '–';

/** `shipgate status` for a person at a terminal: what runs where, traffic, the lock, drift, the last deploys. */
export function renderStatus(view: StatusView, style: Style, width?: number): string {
  const lines = [
    style.bold(`${view.service}/${view.environment}`),
    `  active version: ${view.activeVersion ?? '(none)'}${view.activeSlot ? ` on ${view.activeSlot}` : ''}`,
    ...SLOTS.filter((slot) => view.slots[slot]).map(
      (slot) => `  ${slot}: ${view.slots[slot]?.version} (${view.slots[slot]?.up ? 'up' : 'retired'})`,
    ),
    ...Object.entries(view.instances).map(([instance, version]) => `  ${instance}: ${version}`),
    `  traffic: ${weightsLine(view.weights)}`,
    ...(view.target.length === 0 ? [] : ['  swarm runs:', ...view.target.map((line) => fitLine(`    ${line}`, width))]),
    `  lock: ${lockLine(view.lock, style)}`,
    ...killedRunLines(view, style),
    ...(view.drift.length === 0 ? [] : view.drift.map((line) => fitLine(`  ${style.yellow('drift:')} ${line}`, width))),
    '',
    style.bold('history (newest first):'),
    ...historyLines(view.history, style, width),
  ];
  return `${lines.join('\n')}\n`;
}

function weightsLine(view: WeightsView): string {
  const entries = Object.entries(view.weights);
  const weights = entries.length ? entries.map(([name, weight]) => `${name}=${weight}%`).join(' ') : 'none';
  const from = view.source === 'router' ? 'as the router has it' : `as recorded${view.note ? `; ${view.note}` : ''}`;
  return `${weights} (${from})`;
}

function lockLine(lock: LockView | null, style: Style): string {
  if (!lock) return 'free';
  const alive =
    lock.alive === 'alive' ? style.green('alive') : lock.alive === 'unknown' ? 'unknown' : style.red(lock.alive);
  return `held by ${lock.holder} since ${lock.since}; holder ${alive} (${lock.why})`;
}

/**
 * The newest run was killed before it recorded its outcome (recorded as killed, or unfinished with no lock
 * left): traffic may be split and a slot half deployed (SPEC §8a).
 */
function killedRunLines(view: StatusView, style: Style): string[] {
  const last = view.history[0];
  if (!last || !(last.killed || (last.finishedAt === null && !view.lock))) return [];
  return [
    `  ${style.red('!')} the last run (${last.version}) was killed mid-change: 'shipgate rollback' re-applies the stable route`,
  ];
}

function historyLines(history: readonly HistoryEntry[], style: Style, width?: number): string[] {
  if (history.length === 0) return ['  (none)'];
  const paint = (entry: HistoryEntry): string => {
    if (!entry.finishedAt) return style.yellow('in progress');
    if (entry.result === 'succeeded' || entry.result === 'noop') return style.green(entry.result);
    return entry.result === 'failed' ? style.red(entry.result) : style.yellow(entry.result);
  };
  const rows = history.map((entry) => [
    entry.startedAt,
    entry.kind,
    phaseOf(entry) ?? '–',
    entry.version,
    entry.strategy,
    paint(entry),
    took(entry),
    entry.finishedAt ? (entry.reason ?? '') : '',
  ]);
  return table(['started', 'kind', 'phase', 'version', 'strategy', 'outcome', 'took', 'reason'], rows, width);
}
