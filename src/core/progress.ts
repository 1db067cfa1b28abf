import type { Clock } from './clock.js';
import { formatDuration, parseDuration } from './duration.js';

/**
 * The progress port: what a run is waiting on, so that a person watching a canary's 5-minute pause (in a
 * terminal or in the Actions log) sees that it is alive and how it is going. The engine reports when a
 * wait begins and whenever it learns something (a probe answered); the runtime decides how often to
 * show it — the CLI redraws one line on a TTY, the Actions runtime prints a line every so often.
 */
export interface WaitUpdate {
  /** The step's name as the plan says it (`gate green at 10% for 5m`), or the rollback's undo. */
  readonly step: string;
  /** Its place in the plan (1-based) and the plan's length; absent for a rollback's undo. */
  readonly position?: { readonly index: number; readonly count: number };
  readonly elapsedMs: number;
  /** The longest the wait may take: the pause, the delay, or a gate's deadline. */
  readonly totalMs: number;
  /** The last thing learnt (`http://127.0.0.1:8082/health: 200`), null before the first probe answers. */
  readonly lastVerdict: string | null;
}

export interface Progress {
  /** A wait began, or something was learnt during it. */
  waiting(update: WaitUpdate): void;
  /** The wait ended. */
  done(): void;
}

/** One wait as the engine reports it: `verdict` on each thing learnt, `end` when it is over (always). */
export interface WaitTracker {
  verdict(text: string): void;
  end(): void;
}

const NO_TRACKER: WaitTracker = { verdict: () => undefined, end: () => undefined };

/** Starts reporting a wait; a run without a progress port (tests, the post step) reports nothing. */
export function trackWait(
  progress: Progress | undefined,
  clock: Clock,
  wait: Pick<WaitUpdate, 'step' | 'position' | 'totalMs'>,
): WaitTracker {
  if (!progress) return NO_TRACKER;
  const startedAt = clock.now();
  let lastVerdict: string | null = null;
  const report = (): void => progress.waiting({ ...wait, elapsedMs: clock.now() - startedAt, lastVerdict });
  report();
  return {
    verdict(text) {
      lastVerdict = text;
      report();
    },
    end: () => progress.done(),
  };
}

/** Whole seconds (`1m20s`, `45s`) for the progress line; under a second shows as `0s`. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** The total as it reads best: `5m`, `2m02s`, `30s`, `300ms`. */
function formatTotal(ms: number): string {
  if (ms < 1_000) return formatDuration(ms);
  return formatClock(ms).replace(/m00s$/, 'm').replace(/h00m$/, 'h');
}

/**
 * The progress line, the same words everywhere:
 * `step 4 of 9: gate green at 10% for 5m · 1m20s of 5m · last: http://127.0.0.1:8082/health: 200`.
 * `elapsedMs` may be newer than the update's (the runtime's own timer moves it between updates).
 */
export function describeWait(update: WaitUpdate, elapsedMs = update.elapsedMs): string {
  const where = update.position ? `step ${update.position.index} of ${update.position.count}: ` : '';
  const shown = Math.min(elapsedMs, update.totalMs);
  const time = `${formatClock(shown)} of ${formatTotal(update.totalMs)}`;
  const last = update.lastVerdict ? ` · last: ${update.lastVerdict}` : '';
  return `${where}${update.step} · ${time}${last}`;
}

/** How often a log (Actions, or a terminal that is not a TTY) gets a progress line: 15 s unless set. */
export const PROGRESS_EVERY_MS = 15_000;

/**
 * `SHIPGATE_PROGRESS_INTERVAL` (a duration, at least 100ms) overrides the cadence of progress lines in
 * logs; anything else keeps the default.
 */
export function progressEveryMs(env: Readonly<Record<string, string | undefined>>): number {
  const ms = env.SHIPGATE_PROGRESS_INTERVAL ? parseDuration(env.SHIPGATE_PROGRESS_INTERVAL) : undefined;
  return ms !== undefined && ms >= 100 ? ms : PROGRESS_EVERY_MS;
}
