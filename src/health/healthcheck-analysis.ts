import type { Clock } from '../core/clock.js';
import { InputError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { createHookRunner } from '../runtime/hook-runner.js';
import { providersNeeded } from './analysis/analysis.js';
import { createCommandProvider } from './analysis/command-provider.js';
import { parseMetrics } from './analysis/metric-settings.js';
import { createPrometheusProvider } from './analysis/prometheus-provider.js';
import type { AnalysisSetup } from './gate.js';
import type { HttpClient } from './http-client.js';

/**
 * The healthcheck's `metrics` and `prometheus-url` inputs, made into an analysis setup. The entry file
 * loads this module only when `metrics` is given, so a plain probe run never pays for it (SPEC §9, B1).
 */
export function prepareHealthcheckAnalysis(
  raw: { metrics?: string; 'prometheus-url'?: string },
  ports: { http: HttpClient; clock: Clock; logger: Logger; cwd: string; pr?: number },
): AnalysisSetup | undefined {
  const metrics = parseMetrics(raw.metrics ?? '', 'healthcheck');
  if (metrics.length === 0) return undefined;
  const prometheusUrl = raw['prometheus-url']?.trim();
  const needsPrometheus = providersNeeded(metrics).includes('prometheus');
  if (prometheusUrl) {
    let url: URL | undefined;
    try {
      url = new URL(prometheusUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new InputError('prometheus-url', prometheusUrl, 'the http:// or https:// URL of a Prometheus server', {
        scope: 'healthcheck',
      });
    }
  } else if (needsPrometheus) {
    const metric = metrics.find((spec) => spec.provider === 'prometheus')?.name ?? '';
    throw new InputError(
      'prometheus-url',
      undefined,
      `the http:// or https:// URL of a Prometheus server (metric '${metric}' queries Prometheus)`,
      {
        scope: 'healthcheck',
      },
    );
  }
  return {
    metrics,
    ports: {
      clock: ports.clock,
      logger: ports.logger,
      providers: {
        ...(prometheusUrl
          ? { prometheus: createPrometheusProvider({ http: ports.http, baseUrl: prometheusUrl, timeoutMs: 10_000 }) }
          : {}),
        command: createCommandProvider({ runner: createHookRunner(), timeoutMs: 30_000, cwd: ports.cwd }),
      },
    },
    placeholders: ports.pr !== undefined ? { pr: String(ports.pr) } : {},
  };
}
