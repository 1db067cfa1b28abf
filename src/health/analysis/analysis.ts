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
  const { clock, logger } = ports;
  const runs: MetricRun[] = specs.map((spec) => {
    const provider = ports.providers[spec.provider];
    if (!provider) {
      throw new ShipgateError(
        'missing-provider',
        `metric '${spec.name}' uses provider ${spec.provider}, which is not configured${
          spec.provider === 'prometheus' ? ' (set prometheus-url)' : ''
        }`,
      );
    }
    const query = expandQuery(spec.name, spec.query, options.placeholders, escapingFor(spec.provider));
    const planned = plannedMeasurements(spec, options.durationMs);
    return { spec, provider, query, planned, measured: [], records: [], judgement: judgeMetric(spec, [], planned) };
  });

  const startedAt = clock.now();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const checkDone = (): void => {
    if (!stop.signal.aborted && analysisDone(runs.map(gateMetric))) stop.abort(GATE_DECIDED);
  };
  checkDone();

  const measureMetric = async (run: MetricRun): Promise<void> => {
    const { spec } = run;
    let previousAt = Number.NEGATIVE_INFINITY;
    for (let k = 1; k <= run.planned && !run.judgement.decided; k += 1) {
      const due = Math.max(startedAt + k * spec.intervalMs, previousAt + spec.intervalMs);
      try {
        await clock.sleep(Math.max(0, due - clock.now()), stop.signal);
      } catch {
        return;
      }
      if (stop.signal.aborted) return;
      const at = clock.now();
      previousAt = at;
      let result: MeasureResult;
      try {
        result = await run.provider.measure(run.query, stop.signal, {
          metric: spec.name,
          placeholders: options.placeholders,
          ...(spec.command !== undefined && { command: spec.command }),
        });
      } catch (error) {
        result = { kind: 'error', reason: errorMessage(error) };
      }
      // A measurement cut short because the analysis ended is not evidence of anything.
      if (stop.signal.aborted) return;
      const verdict = judgeMeasurement(result, spec);
      run.measured.push({ result, verdict });
      run.records.push(record(at, run.query, result, verdict));
      run.judgement = judgeMetric(
        spec,
        run.measured.map((m) => m.verdict),
        run.planned,
      );
      logger.info(`${spec.name} [${k}/${run.planned}]: ${describeMeasurement(result, spec)} → ${verdict}`);
      if (run.judgement.decided) {
        const reason = metricReason(spec, run.measured, run.planned, run.judgement);
        logger.info(`${spec.name}: ${run.judgement.verdict}${spec.dryRun ? ' (dry run)' : ''}; ${reason}`);
        checkDone();
      }
    }
  };

  try {
    await Promise.all(runs.map(measureMetric));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  const aborted = stop.signal.aborted && stop.signal.reason !== GATE_DECIDED;
  const interruption: Interruption = aborted ? 'aborted' : 'stopped';
  const metrics = runs.map((run) => metricReport(run, interruption));
  const deciding = metrics.filter((metric) => !metric.dryRun);
  const verdict = worstVerdict(deciding.map((metric) => metric.verdict));
  const reason = gateReason(verdict, metrics);
  const report: AnalysisReport = {
    verdict,
    reason: aborted ? `aborted: ${reason}` : reason,
    aborted,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(clock.now()).toISOString(),
    metrics,
  };
  logger.info(`metric analysis: ${report.verdict}; ${report.reason}`);
  return report;
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
