import type { Narrative, Phrases } from './language.js';
import type { Severity } from './severity.js';
import { updateCadenceMs } from './severity.js';

/** English: plain, short sentences in the past tense for what happened, imperative for what to do. */

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1_000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
}

const cadence = (severity: Severity): string => `every ${updateCadenceMs(severity) / 60_000} min`;

const previous = (n: Narrative): string => (n.previousVersion ? code(n.previousVersion) : 'the previous version');
const version = (n: Narrative): string => (n.version ? code(n.version) : 'the new version');

/** What the new version is called in a sentence: the canary, or the version. */
function candidate(n: Narrative): string {
  return n.strategy === 'canary' ? `The canary of ${version(n)}` : version(n);
}

const CONFIRM = 'To confirm: affected endpoints, users and time window.';

/** The impact of a rollback run (the rollback action's report). */
function rollbackImpact(n: Narrative): string[] {
  const from = n.previousVersion ? ` from ${code(n.previousVersion)}` : '';
  const why = n.rollbackReason ? ` (reason: ${n.rollbackReason})` : '';
  return n.kind === 'rolled-back'
    ? [`${code(n.environment)} was rolled back${from} to ${version(n)}${why}.`, CONFIRM]
    : [
        `⚠️ The rollback of ${code(n.environment)}${from} to ${version(n)} failed: ${code(n.environment)} may be serving either version.`,
        CONFIRM,
      ];
}

/** The impact of a deploy that rolled back: none if it never took traffic, else its window of exposure. */
function rolledBackImpact(n: Narrative, exposure: string | undefined): string[] {
  if (n.exposure?.maxWeight === 0) {
    return [
      `No user traffic reached ${version(n)}: it failed before it took any.`,
      `${previous(n)} kept serving all of ${code(n.environment)}.`,
    ];
  }
  const backMs = n.exposure?.trafficBackMs ?? n.restoredMs;
  const back = backMs !== undefined ? [`Since ${n.time(backMs)}, all traffic is back on ${previous(n)}.`] : [];
  if (exposure) return [exposure, 'Requests it served in that window may have failed.', ...back, CONFIRM];
  return [
    `${version(n)} was live in ${code(n.environment)} until the rollback finished; requests in that window may have failed.`,
    ...back,
    CONFIRM,
  ];
}

function exposureLine(n: Narrative): string | undefined {
  const e = n.exposure;
  if (!e) return undefined;
  const window =
    e.fromMs !== undefined && e.untilMs !== undefined
      ? ` (${n.span(e.fromMs, e.untilMs)}, ${duration(e.untilMs - e.fromMs)})`
      : '';
  if (e.maxWeight !== undefined && e.maxWeight > 0) {
    return `${candidate(n)} served up to ${e.maxWeight}% of ${code(n.environment)} traffic${window}.`;
  }
  if (e.instances.length > 0) {
    const count = e.instances.length === 1 ? '1 instance' : `${e.instances.length} instances`;
    return `${version(n)} ran on ${count} (${e.instances.map(code).join(', ')})${window}.`;
  }
  return undefined;
}

const REPORT_ASKS: Readonly<Record<Severity, string>> = {
  'SEV-1':
    'the current impact and customer impact, whether there is any workaround, the ETA for mitigation and for full recovery',
  'SEV-2': 'the impact on key features, whether a workaround exists, the ETA for mitigation and recovery',
  'SEV-3': 'the scope of the partial impact, the temporary workaround, the schedule for the permanent fix',
};

export const english: Phrases = {
  language: 'en',
  zone: { name: 'UTC', offsetMs: 0 },
  headings: {
    impact: 'Impact',
    cause: 'Cause',
    mitigation: 'Mitigation',
    verification: 'Recovery verification',
    followUp: 'Follow-up',
    timeline: 'Timeline',
  },
  fields: {
    service: 'Service',
    environment: 'Environment',
    version: 'Version',
    previousVersion: 'Previous version',
    strategy: 'Strategy',
    result: 'Result',
    run: 'Run',
    commit: 'Commit',
    deployment: 'Deployment',
  },
  columns: {
    time: 'Time',
    step: 'Step',
    outcome: 'Outcome',
    detail: 'Detail',
    metric: 'Metric',
    verdict: 'Verdict',
    condition: 'Condition',
    values: 'Measured',
    reason: 'Reason',
    check: 'Check',
    latency: 'p95',
  },
  queries: 'Queries',
  stepOutcome: (outcome) =>
    ({ succeeded: '✅ succeeded', failed: '❌ failed', skipped: '⏭ skipped', cancelled: '⏹ cancelled' })[outcome],
  gateVerdict: (verdict) => ({ passed: 'passed', failed: 'failed' })[verdict],
  metricVerdict: (verdict) =>
    ({ Successful: '✅ successful', Failed: '❌ failed', Inconclusive: '❔ inconclusive', Error: '⚠️ error' })[verdict],
  checkVerdict: (verdict) => ({ healthy: '✅ healthy', unhealthy: '❌ unhealthy', undecided: '⏸ undecided' })[verdict],
  result(n) {
    if (n.operation === 'rollback') {
      if (n.kind === 'rolled-back') return 'rolled back';
      if (n.kind === 'no-failure') return n.result ?? '—';
      return 'rollback failed';
    }
    switch (n.kind) {
      case 'rolled-back':
        return n.previousVersion ? `failed, rolled back to ${n.previousVersion}` : 'failed, rolled back';
      case 'rollback-failed':
        return 'failed, rollback failed';
      case 'rollback-off':
        return 'failed, not rolled back (rollback off)';
      case 'failed-unchanged':
        return 'failed before any change';
      case 'no-failure':
        return {
          succeeded: 'succeeded',
          noop: 'no change',
          planned: 'planned (dry run)',
          'rolled-back': '',
          failed: '',
          aborted: '',
        }[n.result ?? 'succeeded'];
      case undefined:
        return '—';
      default: {
        const unknown: never = n.kind;
        return String(unknown);
      }
    }
  },
  duration,
  cadence,
  run: (runId, attempt) => (attempt > 1 ? `#${runId} (attempt ${attempt})` : `#${runId}`),

  title(n) {
    const v = n.version ?? 'the new version';
    if (n.operation === 'rollback') {
      if (n.kind === 'rolled-back') {
        return n.previousVersion ? `rolled back from ${n.previousVersion} to ${v}` : `rolled back to ${v}`;
      }
      if (n.kind !== undefined && n.kind !== 'no-failure') return `rollback to ${v} failed`;
    }
    switch (n.kind) {
      case 'rolled-back':
        return n.previousVersion
          ? `deploy ${v} failed, rolled back to ${n.previousVersion}`
          : `deploy ${v} failed, rolled back`;
      case 'rollback-failed':
        return n.previousVersion
          ? `deploy ${v} failed, rollback to ${n.previousVersion} failed`
          : `deploy ${v} failed, rollback failed`;
      case 'rollback-off':
        return `deploy ${v} failed, not rolled back`;
      case 'failed-unchanged':
        return `deploy ${v} failed before any change`;
      case 'no-failure':
        return `incident during deploy ${v}`;
      case undefined:
        return n.version ? `incident on ${n.version}` : 'incident';
      default: {
        const unknown: never = n.kind;
        return String(unknown);
      }
    }
  },
  status: (severity, runLink, nextUpdate) =>
    `> **${severity}** · opened by shipgate from run ${runLink} · ${nextUpdate}`,
  nextUpdate: (severity, dueMs, time) => `**Next update due by ${time(dueMs)}** (${severity}: ${cadence(severity)})`,

  impact(n) {
    if (n.operation === 'rollback') return rollbackImpact(n);
    const exposure = exposureLine(n);
    switch (n.kind) {
      case 'rolled-back':
        return rolledBackImpact(n, exposure);
      case 'rollback-failed':
        return [
          `⚠️ ${code(n.environment)} may still be serving ${version(n)}, partly or fully: the rollback failed.`,
          ...(exposure ? [exposure] : []),
          CONFIRM,
        ];
      case 'rollback-off':
        return [
          `⚠️ ${code(n.environment)} is still serving ${version(n)}: automatic rollback was off.`,
          ...(exposure ? [exposure] : []),
          CONFIRM,
        ];
      case 'failed-unchanged':
        return [`None expected: the deploy failed before it changed anything; ${previous(n)} kept serving.`];
      case 'no-failure':
      case undefined:
        return [english.toFill('impact')];
      default: {
        const unknown: never = n.kind;
        return [String(unknown)];
      }
    }
  },
  detected: (step, reason) => `**Detected** by shipgate: step ${code(step)} failed: ${reason}`,
  hookFailed: (step, hook, exitCode, took, timedOut) =>
    timedOut || exitCode === null
      ? `Hook ${code(hook)} of step ${code(step)} was killed after ${took}${timedOut ? ' (timeout)' : ''}.`
      : `Hook ${code(hook)} of step ${code(step)} exited with code ${exitCode} after ${took}.`,
  failureReason: (reason) => `Failure reason: ${reason}`,
  rootCause: '**Root cause:** _to be confirmed (logs, traces, recent changes)._',

  mitigation(n) {
    switch (n.kind) {
      case 'rolled-back': {
        const at = n.restoredMs !== undefined ? ` at ${n.time(n.restoredMs)}` : '';
        return n.operation === 'rollback'
          ? [`Rolled back to ${version(n)}${at}.`]
          : [`Automatic rollback to ${previous(n)} completed${at}.`];
      }
      case 'rollback-failed':
        return [
          `⚠️ The automatic rollback to ${n.operation === 'rollback' ? version(n) : previous(n)} **failed**.`,
          ...n.rollbackFailures.map((failure) => `  - ${failure}`),
          `Roll back by hand now: run the Rollback workflow with ${code(`to-version: ${n.operation === 'rollback' ? (n.version ?? '') : (n.previousVersion ?? '<last good version>')}`)}, or follow the runbook's manual rollback.`,
        ];
      case 'rollback-off':
        return [
          `Automatic rollback was off (${code('rollback-on-error: false')}): nothing was rolled back.`,
          `Decide now: roll back to ${previous(n)} with the Rollback workflow, or fix forward.`,
        ];
      case 'failed-unchanged':
        return ['Nothing to roll back: the deploy failed before it changed anything.'];
      case 'no-failure':
      case undefined:
        return [english.toFill('mitigation')];
      default: {
        const unknown: never = n.kind;
        return [String(unknown)];
      }
    }
  },
  verificationPassed: (step, at, reason) =>
    `✅ The gate after the rollback passed at ${at} (step ${code(step)}): ${reason}`,
  verificationFailed: (step, at, reason) =>
    `⚠️ The gate after the rollback **failed** at ${at} (step ${code(step)}): ${reason}`,
  verificationMissing(n) {
    switch (n.kind) {
      case 'rolled-back':
        return [
          'No gate ran after the rollback. Check by hand and note the time: readiness/liveness endpoints, error rate, p95 latency and request volume back to normal.',
        ];
      case 'rollback-failed':
      case 'rollback-off':
        return [
          `Not restored yet. Once ${code(n.environment)} runs ${previous(n)} again, check its health endpoints, error rate and p95 latency.`,
        ];
      case 'failed-unchanged':
        return [`Nothing changed; confirm that ${previous(n)} is healthy (health endpoints, error rate).`];
      case 'no-failure':
      case undefined:
        return [english.toFill('verification')];
      default: {
        const unknown: never = n.kind;
        return [String(unknown)];
      }
    }
  },
  followUp(n) {
    const items: string[] = [];
    if (n.kind === 'rollback-failed') items.push(`Restore ${code(n.environment)} by hand and confirm it is healthy`);
    if (n.kind === 'rollback-off') items.push(`Decide: roll back to ${previous(n)} or fix forward`);
    items.push('Confirm the user impact (endpoints, users, time window) and update **Impact**');
    items.push(
      n.failedChecks.length > 0
        ? `Find the root cause of ${n.failedChecks.map(code).join(', ')} failing on ${version(n)} (logs, traces, recent changes)`
        : `Find the root cause of the failure of ${version(n)} (logs, traces, recent changes)`,
    );
    if (n.kind !== undefined && n.kind !== 'no-failure' && n.operation === 'deploy') {
      items.push(`Fix and redeploy, or keep ${previous(n)} and record why`);
    }
    items.push(`Post an update here ${cadence(n.severity)} until this is resolved (${n.severity})`);
    items.push('Write the post-incident report: timeline, root cause, prevention');
    items.push('Update the SLO / error budget status and the backlog priorities');
    return items;
  },
  toFill: (section) =>
    ({
      impact: '_To be filled in: users, endpoints and time window affected._',
      cause: '_To be filled in: the suspected cause, and the confirmed one once known._',
      mitigation: '_To be filled in: what was done to limit the impact, and its risks._',
      verification: '_To be filled in: the signals that show recovery, and when they were checked._',
      followUp: '_To be filled in._',
    })[section],

  timeline: {
    started: (n) =>
      `${n.operation === 'rollback' ? 'rollback' : 'deploy'} of ${version(n)} started${n.strategy ? ` (${n.strategy})` : ''}`,
    finished: (n) => `${n.operation === 'rollback' ? 'rollback' : 'deploy'} finished: ${english.result(n)}`,
    opened: 'incident opened',
    commented: 'incident updated',
    rollbackStep: (name) => `↩ rollback: ${name}`,
    exitCode: (hook, exitCode, timedOut) =>
      timedOut || exitCode === null
        ? `hook ${code(hook)} killed${timedOut ? ' (timeout)' : ''}`
        : `hook ${code(hook)} exited ${exitCode}`,
  },
  occurrence: (n, runLink) => `### Failed again: ${english.title(n)}\n\n> **${n.severity}** · run ${runLink}`,
  resolved(input) {
    const what = input.version ? `${code(input.service)} ${code(input.version)}` : code(input.service);
    const lead = input.succeeded
      ? `${what} is deployed to ${code(input.environment)} and healthy (run ${input.runLink}).`
      : `Resolved by run ${input.runLink}.`;
    return [
      '### ✅ Resolved',
      '',
      `${lead} Closing this incident after ${input.openFor}.`,
      '',
      'Next: the post-incident report (timeline, root cause, prevention).',
    ].join('\n');
  },
  reminder: (input) => {
    const who = input.mentions.length > 0 ? `${input.mentions.map((name) => `@${name}`).join(' ')} ` : '';
    const nobody = input.mentions.length === 0 ? ' No one is assigned: please take this incident.' : '';
    return [
      `${who}⏰ **Update overdue.** This ${input.severity} incident has had no update for ${input.quietFor} (${input.severity}: ${cadence(input.severity)}).${nobody}`,
      '',
      `Please post ${REPORT_ASKS[input.severity]}.`,
    ].join('\n');
  },
};
