import { describeWait, type Progress, type WaitUpdate } from '../core/progress.js';

/** Where progress goes: one status line redrawn in place (a TTY), or plain lines (a log, a pipe). */
export interface ProgressOutput {
  /** Redraws the status line (TTY only). */
  status?(text: string): void;
  /** Clears the status line (TTY only). */
  clear?(): void;
  /** Prints one plain line. */
  line(text: string): void;
}

export interface PrinterOptions {
  /** Redraw in place (TTY) or print a line every `everyMs` (logs). */
  readonly redraw: boolean;
  /** Logs: how often a line is printed during a wait; the first comes `everyMs` after it began. */
  readonly everyMs: number;
  readonly now: () => number;
  /** Starts the printer's own ticker, which moves the elapsed time between the engine's updates. */
  readonly every: (ms: number, tick: () => void) => { stop(): void };
}

/** A TTY redraw happens at most this often: probes every 100 ms would otherwise flicker. */
const REDRAW_MS = 250;

/**
 * Shows the engine's waits: on a TTY one line redrawn in place at most every 250 ms; in a log a plain
 * line every `everyMs`, so a short wait prints nothing and a 5-minute pause prints a steady few.
 */
export class ProgressPrinter implements Progress {
  private readonly out: ProgressOutput;
  private readonly options: PrinterOptions;
  private last: { update: WaitUpdate; at: number } | undefined;
  private ticker: { stop(): void } | undefined;
  private shownAt = 0;

  constructor(out: ProgressOutput, options: PrinterOptions) {
    this.out = out;
    this.options = options;
  }

  waiting(update: WaitUpdate): void {
    const now = this.options.now();
    const fresh = this.last === undefined || this.last.update.step !== update.step;
    this.last = { update, at: now };
    if (fresh) {
      this.shownAt = now;
      this.ticker?.stop();
      const tickMs = this.options.redraw ? 1_000 : Math.min(this.options.everyMs, 1_000);
      this.ticker = this.options.every(tickMs, () => this.tick());
      if (this.options.redraw) this.draw(now);
      return;
    }
    if (this.options.redraw && now - this.shownAt >= REDRAW_MS) this.draw(now);
  }

  done(): void {
    this.ticker?.stop();
    this.ticker = undefined;
    if (this.last && this.options.redraw) this.out.clear?.();
    this.last = undefined;
  }

  /** The printer's own clock moved: redraw, or print a line when one is due. */
  tick(): void {
    const now = this.options.now();
    if (!this.last) return;
    if (this.options.redraw) this.draw(now);
    else if (now - this.shownAt >= this.options.everyMs) {
      this.shownAt = now;
      this.out.line(`waiting: ${this.text(now)}`);
    }
  }

  private draw(now: number): void {
    this.shownAt = now;
    this.out.status?.(this.text(now));
  }

  private text(now: number): string {
    const last = this.last as { update: WaitUpdate; at: number };
    return describeWait(last.update, last.update.elapsedMs + (now - last.at));
  }
}

/** The real ticker: unref'd, so a forgotten wait never keeps the process alive. */
export function realTicker(ms: number, tick: () => void): { stop(): void } {
  const timer = setInterval(tick, ms);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
