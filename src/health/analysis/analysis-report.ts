import type { MeasurementResult, MetricProviderKind, MetricVerdict } from '../../core/vocabulary.js';

/**
 * The evidence of one metric analysis, JSON-serialisable as it stands (the `report` output, the deploy
 * report, the incident body). A value that JSON cannot hold (NaN, ±Inf) is `null` with `raw` saying what
 * it was. Type aliases, not interfaces, so that they fit the deploy report's open (passthrough) schema.
 */
export type MeasurementRecord = {
  /** When the measurement was taken (ISO 8601, UTC). */
  readonly at: string;
  /** The query as sent, placeholders expanded. */
  readonly query: string;
  readonly result: MeasurementResult;
  /** The finite value measured; null for no data, an error, NaN or ±Inf. */
  readonly value: number | null;
  /** What was received, as received (`"0.0833"`, `"NaN"`, `[]`, stdout). */
  readonly raw: string;
  readonly verdict: MetricVerdict;
  /** Why the measurement is an Error. */
  readonly error?: string;
};

export type MetricReport = {
  readonly name: string;
  readonly provider: MetricProviderKind;
  readonly dryRun: boolean;
  readonly verdict: MetricVerdict;
  /** One line: `error-rate: 0.0833 > max 0.01 on 2 of 3 measurements (failure-limit 0)`. */
  readonly reason: string;
  /** `<= 0.01`, `>= 0.9 and <= 1.5`. */
  readonly condition: string;
  readonly max?: number;
  readonly min?: number;
  readonly intervalMs: number;
  /** Measurements planned (count, or as many as fit in the gate's time). */
  readonly planned: number;
  /** False when the analysis ended (gate decided by another metric, or aborted) before this metric had a verdict of its own; its verdict is then Inconclusive. */
  readonly decided: boolean;
  readonly measurements: MeasurementRecord[];
};

export type AnalysisReport = {
  readonly verdict: MetricVerdict;
  /** One line, the deciding metric's reason (prefixed `aborted: ` when the run was aborted). */
  readonly reason: string;
  /** The caller's signal ended the analysis before it finished. */
  readonly aborted: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly metrics: MetricReport[];
};
