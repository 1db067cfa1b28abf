import type { Clock } from '../../core/clock.js';
import { errorMessage, ShipgateError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { MetricProviderKind, MetricVerdict } from '../../core/vocabulary.js';
import type { AnalysisReport, MeasurementRecord, MetricReport } from './analysis-report.js';
import type { MeasureResult, MetricProvider } from './metric-provider.js';
import type { MetricSpec } from './metric-settings.js';
import type { QueryEscaping } from './query-placeholders.js';
import { expandQuery } from './query-placeholders.js';
import type { Interruption, JudgedMeasurement } from './reasons.js';
import { describeMeasurement, formatValue, metricReason } from './reasons.js';
import type { MetricJudgement } from './verdict.js';
import { analysisDone, conditionText, judgeMeasurement, judgeMetric, worstVerdict } from './verdict.js';

export interface AnalysisPorts {
  readonly clock: Clock;
  /** Only the providers the metrics use are needed; a missing one is refused before anything is measured. */
  readonly providers: { readonly prometheus?: MetricProvider; readonly command?: MetricProvider };
  readonly logger: Logger;
}

export interface AnalysisOptions {
  /** The gate's time: metrics without `count` take as many measurements as fit in it. */
  readonly durationMs: number;
  /** Values of {service} {environment} {version} {slot} {pr} for this run. */
  readonly placeholders: Readonly<Record<string, string>>;
  /** The step's SHIPGATE_* values, passed to command metrics (a deploy gives SHIPGATE_ADDRESSES …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Ends the analysis early; the report then says `aborted` and never passes an undecided gate. */
  readonly signal?: AbortSignal;
}

/**
 * Measurements a metric plans: its `count`, or as many intervals as fit in the gate's time (at least one).
 * Measurements are taken at t = interval, 2·interval, … so `duration / interval` of them end exactly
 * when the gate's time does.
 */
export function plannedMeasurements(spec: Pick<MetricSpec, 'count' | 'intervalMs'>, durationMs: number): number {
  return spec.count ?? Math.max(1, Math.floor(durationMs / spec.intervalMs));
}

/** The providers a list of metrics needs, so an entry file can check its inputs before anything runs. */
export function providersNeeded(specs: readonly MetricSpec[]): MetricProviderKind[] {
  return [...new Set(specs.map((spec) => spec.provider))];
}

function escapingFor(provider: MetricProviderKind): QueryEscaping {
  switch (provider) {
    case 'prometheus':
      return 'promql-string';
    case 'command':
      return 'text';
    default: {
      const never: never = provider;
      throw new Error(`unhandled provider ${String(never)}`);
    }
  }
}

interface MetricRun {
  readonly spec: MetricSpec;
  readonly provider: MetricProvider;
  readonly query: string;
  readonly planned: number;
  readonly measured: JudgedMeasurement[];
  readonly records: MeasurementRecord[];
  judgement: MetricJudgement;
}

function record(at: number, query: string, result: MeasureResult, verdict: MetricVerdict): MeasurementRecord {
  const when = new Date(at).toISOString();
  switch (result.kind) {
    case 'value':
      return {
        at: when,
        query,
        result: 'value',
        value: Number.isFinite(result.value) ? result.value : null,
        raw: result.raw,
        verdict,
      };
    case 'no-data':
      return { at: when, query, result: 'no-data', value: null, raw: result.raw, verdict };
    case 'error':
      return { at: when, query, result: 'error', value: null, raw: result.raw ?? '', verdict, error: result.reason };
    default: {
      const never: never = result;
      throw new Error(`unhandled result ${JSON.stringify(never)}`);
    }
  }
}

/** The abort reason that ends every metric's loop once the gate is decided (any other reason is the caller's abort). */
const GATE_DECIDED = Symbol('gate decided');

/**
 * Runs a gate's metric analysis (SPEC §6) and returns its evidence; a failing gate is a verdict in the
 * report, not a throw. Throws only before measuring anything, for a metric whose provider is missing or
 * whose query uses a placeholder without a value.
 *
 * Each metric measures on its own schedule, first at t = interval, then every interval. Argo Rollouts
 * measures at t = 0 unless given an initialDelay; a gate here starts right after a change of traffic,
 * when a rate over the last interval still describes the old version, so the first measurement waits
 * one interval for data about the new one, and `duration / interval` measurements end exactly when the
 * gate's time does. A slow measurement delays the next one rather than bunching them up: measurements
 * start at least one interval apart.
 */
export async function runAnalysis(
  specs: readonly MetricSpec[],
  ports: AnalysisPorts,
  options: AnalysisOptions,
): Promise<AnalysisReport> {
  const runs = specs.map((spec) => prepareRun(spec, ports, options));
  const analysis: Analysis = { ports, options, runs, startedAt: ports.clock.now(), stop: new AbortController() };
  const onAbort = (): void => analysis.stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  checkDone(analysis);
  try {
    await Promise.all(runs.map((run) => measureMetric(analysis, run)));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const report = analysisReport(analysis);
  ports.logger.info(`metric analysis: ${report.verdict}; ${report.reason}`);
  return report;
}

/** One analysis in progress: every metric's run, and the signal that stops them all once the gate is decided. */
interface Analysis {
  readonly ports: AnalysisPorts;
  readonly options: AnalysisOptions;
  readonly runs: readonly MetricRun[];
  readonly startedAt: number;
  readonly stop: AbortController;
}

/** Checks the provider and expands the query before anything is measured. */
function prepareRun(spec: MetricSpec, ports: AnalysisPorts, options: AnalysisOptions): MetricRun {
  const provider = ports.providers[spec.provider];
  if (!provider) {
    const hint = spec.provider === 'prometheus' ? ' (set prometheus-url)' : '';
    throw new ShipgateError(
      'missing-provider',
      `metric '${spec.name}' uses provider ${spec.provider}, which is not configured${hint}`,
    );
  }
  const query = expandQuery(spec.name, spec.query, options.placeholders, escapingFor(spec.provider));
  const planned = plannedMeasurements(spec, options.durationMs);
  return { spec, provider, query, planned, measured: [], records: [], judgement: judgeMetric(spec, [], planned) };
}

function checkDone(analysis: Analysis): void {
  const { stop, runs } = analysis;
  if (!stop.signal.aborted && analysisDone(runs.map(gateMetric))) stop.abort(GATE_DECIDED);
}

/** One metric's measurements, each at least one interval after the last, until it is decided or stopped. */
async function measureMetric(analysis: Analysis, run: MetricRun): Promise<void> {
  const { clock } = analysis.ports;
  const { signal } = analysis.stop;
  let previousAt = Number.NEGATIVE_INFINITY;
  for (let k = 1; k <= run.planned && !run.judgement.decided; k += 1) {
    const due = Math.max(analysis.startedAt + k * run.spec.intervalMs, previousAt + run.spec.intervalMs);
    try {
      await clock.sleep(Math.max(0, due - clock.now()), signal);
    } catch {
      return;
    }
    if (signal.aborted) return;
    const at = clock.now();
    previousAt = at;
    const result = await measureOnce(analysis, run);
    // A measurement cut short because the analysis ended is not evidence of anything.
    if (signal.aborted) return;
    judge(analysis, run, at, result, k);
  }
}

async function measureOnce(analysis: Analysis, run: MetricRun): Promise<MeasureResult> {
  const { spec } = run;
  try {
    return await run.provider.measure(run.query, analysis.stop.signal, {
      metric: spec.name,
      placeholders: analysis.options.placeholders,
      ...(spec.command !== undefined && { command: spec.command }),
      ...(spec.timeoutMs !== undefined && { timeoutMs: spec.timeoutMs }),
      ...(analysis.options.env !== undefined && { env: analysis.options.env }),
    });
  } catch (error) {
    return { kind: 'error', reason: errorMessage(error) };
  }
}

/** Records the k-th measurement, judges the metric again, and stops the gate once it is decided. */
function judge(analysis: Analysis, run: MetricRun, at: number, result: MeasureResult, k: number): void {
  const { spec } = run;
  const { logger } = analysis.ports;
  const verdict = judgeMeasurement(result, spec);
  run.measured.push({ result, verdict });
  run.records.push(record(at, run.query, result, verdict));
  run.judgement = judgeMetric(
    spec,
    run.measured.map((m) => m.verdict),
    run.planned,
  );
  logger.info(`${spec.name} [${k}/${run.planned}]: ${describeMeasurement(result, spec)} → ${verdict}`);
  if (!run.judgement.decided) return;
  const reason = metricReason(spec, run.measured, run.planned, run.judgement);
  logger.info(`${spec.name}: ${run.judgement.verdict}${spec.dryRun ? ' (dry run)' : ''}; ${reason}`);
  checkDone(analysis);
}

function analysisReport(analysis: Analysis): AnalysisReport {
  const { stop } = analysis;
  const aborted = stop.signal.aborted && stop.signal.reason !== GATE_DECIDED;
  const interruption: Interruption = aborted ? 'aborted' : 'stopped';
  const metrics = analysis.runs.map((run) => metricReport(run, interruption));
  const deciding = metrics.filter((metric) => !metric.dryRun);
  const verdict = worstVerdict(deciding.map((metric) => metric.verdict));
  const reason = gateReason(verdict, metrics);
  return {
    verdict,
    reason: aborted ? `aborted: ${reason}` : reason,
    aborted,
    startedAt: new Date(analysis.startedAt).toISOString(),
    finishedAt: new Date(analysis.ports.clock.now()).toISOString(),
    metrics,
  };
}

function gateMetric(run: MetricRun): { dryRun: boolean; judgement: MetricJudgement } {
  return { dryRun: run.spec.dryRun, judgement: run.judgement };
}

function metricReport(run: MetricRun, interruption: Interruption): MetricReport {
  const { spec } = run;
  return {
    name: spec.name,
    provider: spec.provider,
    dryRun: spec.dryRun,
    // A metric the analysis ended before it could decide has no evidence of passing.
    verdict: run.judgement.decided ? run.judgement.verdict : 'Inconclusive',
    reason: metricReason(spec, run.measured, run.planned, run.judgement, interruption),
    condition: conditionText(spec),
    ...(spec.max !== undefined && { max: spec.max }),
    ...(spec.min !== undefined && { min: spec.min }),
    intervalMs: spec.intervalMs,
    planned: run.planned,
    decided: run.judgement.decided,
    measurements: run.records,
  };
}

/** The gate's one line: the first metric with the gate's verdict, or a summary of what passed. */
function gateReason(verdict: MetricVerdict, metrics: readonly MetricReport[]): string {
  const deciding = metrics.filter((metric) => !metric.dryRun);
  if (verdict !== 'Successful') {
    const culprit = deciding.find((metric) => metric.verdict === verdict);
    return culprit?.reason ?? verdict;
  }
  if (metrics.length === 0) return 'no metrics to analyse';
  if (deciding.length === 0) return `no metric decides the gate (${metrics.length} dry-run)`;
  const [only] = deciding;
  if (deciding.length === 1 && only) return only.reason;
  return `all ${deciding.length} metrics passed: ${deciding
    .map((metric) => {
      const values = metric.measurements.filter((m) => m.value !== null);
      const lastValue = values[values.length - 1]?.value;
      return `${metric.name} ${lastValue === undefined || lastValue === null ? 'passed' : formatValue(lastValue)} ${metric.condition}`;
    })
    .join(', ')}`;
}
