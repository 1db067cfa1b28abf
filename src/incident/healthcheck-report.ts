import * as z from '#zod';
import type { Known } from '../core/deploy-report.js';
import {
  gateCheckSchema,
  type JsonReportParse,
  metricResultSchema,
  parseJsonReport,
} from '../core/deploy-report-schema.js';

/**
 * The `report` output of the healthcheck action (SPEC §5.1), as the incident action reads it back:
 * `healthy`, the one-line `reason`, per URL the attempts, last status, latency and reason, and per
 * metric every measurement. The per-check and per-metric records are the deploy report's (the health
 * module writes both), so one schema reads them. Unknown keys are kept: a newer healthcheck may add some.
 */
const isoTime = z.iso.datetime({ offset: true, error: 'an ISO 8601 time like 2026-11-22T03:00:00Z' });

export const healthcheckReportSchema = z.looseObject(
  {
    healthy: z.boolean({ error: 'true or false' }),
    reason: z.nullable(z.string({ error: 'a string or null' })),
    startedAt: isoTime,
    finishedAt: isoTime,
    checks: z.array(gateCheckSchema, { error: 'an array' }),
    analysis: z.optional(
      z.looseObject(
        {
          verdict: z.string({ error: 'a string' }),
          reason: z.optional(z.string({ error: 'a string' })),
          metrics: z.array(metricResultSchema, { error: 'an array' }),
        },
        { error: 'an object' },
      ),
    ),
  },
  { error: 'a JSON object' },
);

export type HealthcheckReport = Known<z.infer<typeof healthcheckReportSchema>>;

export type HealthcheckReportParse = JsonReportParse<HealthcheckReport>;

/** Parses the report's JSON text; on failure, one line saying where it broke. */
export function parseHealthcheckReport(json: string): HealthcheckReportParse {
  return parseJsonReport<HealthcheckReport>(json, healthcheckReportSchema, 'a healthcheck report');
}
