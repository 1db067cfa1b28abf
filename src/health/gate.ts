import type { AnalysisPorts } from './analysis/analysis.js';
import type { AnalysisReport } from './analysis/analysis-report.js';
import type { MetricSpec } from './analysis/metric-settings.js';
import { type GatePorts, type GateTiming, runHealthGate } from './health-gate.js';
import type { GateReport } from './health-report.js';
import type { GateTarget } from './probe-target.js';

/** HTTP probes and, once every URL is healthy, metric analysis: one verdict with the evidence of both. */
export interface GateOutcome {
  readonly passed: boolean;
  /** One line; null when passed. */
  readonly reason: string | null;
  readonly health: GateReport;
  readonly analysis?: AnalysisReport;
}

export interface AnalysisSetup {
  readonly metrics: readonly MetricSpec[];
  readonly ports: AnalysisPorts;
  /** {service} {environment} {version} {slot} {pr} for the queries. */
  readonly placeholders: Readonly<Record<string, string>>;
  /** The step's SHIPGATE_* values (SHIPGATE_ADDRESSES …), which command metrics get. */
  readonly env?: Readonly<Record<string, string>>;
}

function linked(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller;
}

/**
 * Runs the probes; when every URL is healthy the analysis starts and runs for the watch (`durationMs`;
 * each metric measures at least once). Whichever fails first stops the other at once, and the verdict
 * names it. A cancelled run (the signal) fails the gate.
 */
export async function runGate(
  targets: readonly GateTarget[],
  timing: GateTiming,
  ports: Omit<GatePorts, 'onAllHealthy'>,
  analysis?: AnalysisSetup,
): Promise<GateOutcome> {
  // Loaded only when there are metrics: a plain probe run never pays for the analysis engine (B1).
  const runAnalysis =
    analysis && analysis.metrics.length > 0 ? (await import('./analysis/analysis.js')).runAnalysis : undefined;
  const stopHealth = linked(ports.signal);
  const stopAnalysis = linked(ports.signal);
  let analysing: Promise<AnalysisReport> | undefined;
  let analysisFailed = false;
  const health = await runHealthGate(targets, timing, {
    ...ports,
    signal: stopHealth.signal,
    onAllHealthy: () => {
      if (!analysis || !runAnalysis) return;
      analysing = runAnalysis(analysis.metrics, analysis.ports, {
        durationMs: timing.durationMs,
        placeholders: analysis.placeholders,
        ...(analysis.env ? { env: analysis.env } : {}),
        signal: stopAnalysis.signal,
      }).then((report) => {
        if (report.verdict !== 'Successful') {
          analysisFailed = true;
          stopHealth.abort(new Error('analysis failed'));
        }
        return report;
      });
    },
  });
  if (!health.healthy && !analysisFailed) stopAnalysis.abort(new Error('health gate failed'));
  const report = await analysing;
  if (analysisFailed && report) {
    return { passed: false, reason: `analysis ${report.verdict}: ${report.reason}`, health, analysis: report };
  }
  if (!health.healthy) return { passed: false, reason: health.reason, health, ...(report ? { analysis: report } : {}) };
  if (report && report.verdict !== 'Successful') {
    return { passed: false, reason: `analysis ${report.verdict}: ${report.reason}`, health, analysis: report };
  }
  return { passed: true, reason: null, health, ...(report ? { analysis: report } : {}) };
}
