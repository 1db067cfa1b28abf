import type { CheckVerdict } from '../core/vocabulary.js';

/** Per-URL evidence, as it appears in the `report` output and the job summary. */
export interface CheckReport {
  readonly url: string;
  /** `undecided`: the gate ended (cancelled, or another URL failed it) before this URL was judged. */
  readonly verdict: CheckVerdict;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly latencyMs: { readonly p50: number | null; readonly p95: number | null };
  /** Why it is not healthy; null when healthy. */
  readonly reason: string | null;
  /** When it first met success-threshold. */
  readonly healthyAt: string | null;
}

export interface GateReport {
  readonly healthy: boolean;
  /** One line naming each failed check and why; null when healthy. */
  readonly reason: string | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly checks: readonly CheckReport[];
}
