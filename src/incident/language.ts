import type {
  CheckVerdict,
  DeployResult,
  GateVerdict,
  MetricVerdict,
  Operation,
  StepOutcome,
  Strategy,
} from '../core/vocabulary.js';
import type { Exposure, FailureKind } from './report-analysis.js';
import type { Severity } from './severity.js';

export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** Times are shown in one zone per language: UTC for English, KST (UTC+9, no DST) for Korean. */
export interface TimeZone {
  readonly name: string;
  readonly offsetMs: number;
}

export type SectionName = 'impact' | 'cause' | 'mitigation' | 'verification' | 'followUp' | 'timeline';
export type SummaryField =
  | 'service'
  | 'environment'
  | 'version'
  | 'previousVersion'
  | 'strategy'
  | 'result'
  | 'run'
  | 'commit'
  | 'deployment';

/** The facts every sentence may use, already formatted where formatting is language-neutral. */
export interface Narrative {
  readonly severity: Severity;
  readonly service: string;
  readonly environment: string;
  readonly version?: string;
  readonly previousVersion?: string;
  readonly strategy?: Strategy;
  readonly operation: Operation;
  /** Undefined when there is no deploy report. */
  readonly kind?: FailureKind;
  readonly result?: DeployResult;
  readonly exposure?: Exposure;
  /** Names of the metrics and URLs that failed the gate, for the follow-up. */
  readonly failedChecks: readonly string[];
  readonly rollbackFailures: readonly string[];
  /** When the rollback finished (the last rollback step), or the report's end. */
  readonly restoredMs?: number;
  readonly rollbackReason?: string;
  /** Formats a time in the language's zone: `03:02:12 UTC`. */
  time(ms: number): string;
  /** Formats a span of time in the language's zone: `03:00:36–03:01:37 UTC`. */
  span(fromMs: number, untilMs: number): string;
}

export interface Phrases {
  readonly language: Language;
  readonly zone: TimeZone;
  readonly headings: Readonly<Record<SectionName, string>>;
  readonly fields: Readonly<Record<SummaryField, string>>;
  readonly columns: {
    readonly time: string;
    readonly step: string;
    readonly outcome: string;
    readonly detail: string;
    readonly metric: string;
    readonly verdict: string;
    readonly condition: string;
    readonly values: string;
    readonly reason: string;
    readonly check: string;
    readonly latency: string;
  };
  /** `<details>` summary over the expanded metric queries. */
  readonly queries: string;
  stepOutcome(outcome: StepOutcome): string;
  gateVerdict(verdict: GateVerdict): string;
  metricVerdict(verdict: MetricVerdict): string;
  checkVerdict(verdict: CheckVerdict): string;
  /** The summary table's result: `failed, rolled back to 1.4.1` / `배포 실패, 자동 롤백 완료`. */
  result(n: Narrative): string;
  duration(ms: number): string;
  /** `every 30 min` / `30분 간격`. */
  cadence(severity: Severity): string;
  run(runId: string, attempt: number): string;

  /** The part of the title after `[SEV-2] api/production: `. */
  title(n: Narrative): string;
  /** The quoted line under nothing: who opened it, and when the next update is due. */
  status(severity: Severity, runLink: string, nextUpdate: string): string;
  /** `Next update due by 03:32 UTC (SEV-2: every 30 min)`. */
  nextUpdate(severity: Severity, dueMs: number, time: (ms: number) => string): string;

  impact(n: Narrative): string[];
  /** `Detected by the gate: step gate 10% failed: …` */
  detected(step: string, reason: string): string;
  hookFailed(step: string, hook: string, exitCode: number | null, duration: string, timedOut: boolean): string;
  failureReason(reason: string): string;
  rootCause: string;
  mitigation(n: Narrative): string[];
  verificationPassed(step: string, at: string, reason: string): string;
  verificationFailed(step: string, at: string, reason: string): string;
  verificationMissing(n: Narrative): string[];
  followUp(n: Narrative): string[];
  /** Text for a section that neither an input nor a report fills. */
  toFill(section: Exclude<SectionName, 'timeline'>): string;

  timeline: {
    started(n: Narrative): string;
    finished(n: Narrative): string;
    opened: string;
    commented: string;
    rollbackStep(name: string): string;
    exitCode(hook: string, exitCode: number | null, timedOut: boolean): string;
  };
  occurrence(n: Narrative, runLink: string): string;
  resolved(input: {
    service: string;
    environment: string;
    version?: string;
    runLink: string;
    openFor: string;
    succeeded: boolean;
  }): string;
  reminder(input: { mentions: readonly string[]; severity: Severity; quietFor: string }): string;
}

/** `2026-11-22 03:02:12` in the zone; `date: false` leaves the day out, `seconds: false` the seconds. */
export function formatZoned(ms: number, zone: TimeZone, options: { seconds?: boolean; date?: boolean } = {}): string {
  const iso = new Date(ms + zone.offsetMs).toISOString();
  const clock = options.seconds === false ? iso.slice(11, 16) : iso.slice(11, 19);
  return options.date === false ? clock : `${iso.slice(0, 10)} ${clock}`;
}
