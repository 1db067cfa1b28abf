import * as z from '#zod';
import type { DeployReport } from '../core/deploy-report.js';
import { parseDeployReport } from '../core/deploy-report-schema.js';
import { errorMessage, InputError, ShipgateError } from '../core/errors.js';
import type { RawInputs } from '../core/inputs.js';
import { enumInput, formInput, parseInputs, reject } from '../core/inputs.js';
import { parseList } from '../core/list.js';
import { expandPlaceholders, unknownPlaceholder } from '../core/placeholders.js';
import type { RunContext } from '../core/run-context.js';
import type { HealthcheckReport } from './healthcheck-report.js';
import { parseHealthcheckReport } from './healthcheck-report.js';
import type { IncidentSectionInputs } from './incident-body.js';
import { readIncidentConfig } from './incident-config.js';
import type { Language } from './language.js';
import { LANGUAGES } from './language.js';
import type { NotifySettings } from './notify/notify-settings.js';
import { DEFAULT_PAGERDUTY_URL, parseNotifySettings } from './notify/notify-settings.js';
import type { SeveritySetting } from './severity.js';
import { SEVERITY_SETTINGS } from './severity.js';
import type { IncidentTemplate } from './template.js';
import { checkTemplate } from './template.js';

const SCOPE = 'incident';

export const INCIDENT_ACTIONS = ['open', 'resolve', 'remind'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** Every input of actions/incident/action.yml, in its order; a test keeps the two equal. */
export const INCIDENT_INPUT_NAMES = [
  'action',
  'github-token',
  'service',
  'environment',
  'version',
  'previous-version',
  'severity',
  'dedup-key',
  'title',
  'impact',
  'cause',
  'mitigation',
  'verification',
  'follow-up',
  'deploy-report',
  'labels',
  'assignees',
  'language',
  'template',
  'healthcheck-report',
  'config',
  'slack-webhook-url',
  'pagerduty-routing-key',
  'pagerduty-url',
] as const;

/** The defaults action.yml declares, so the CLI behaves alike. */
export const INCIDENT_DEFAULTS: Readonly<Record<string, string>> = {
  action: 'open',
  'dedup-key': '{service}/{environment}',
  'pagerduty-url': DEFAULT_PAGERDUTY_URL,
};

/**
 * Defaults that action.yml does not declare, so that an input that is set can be told from one that is
 * not: the config's `incident:` block comes between the two (SPEC §5.4).
 */
export const INCIDENT_CONFIGURABLE_DEFAULTS = { severity: 'auto', language: 'en' } as const;

/**
 * The run an incident action is part of, as the incident needs it: every field known. Made from the
 * runtime's RunContext by `incidentContext`.
 */
export interface IncidentContext {
  /** `owner/repo`. */
  readonly repository: string;
  /** `https://github.com` (GITHUB_SERVER_URL), for commit links. */
  readonly serverUrl: string;
  /** GITHUB_RUN_ID. A re-run keeps it; it is what makes a re-run add no second comment. */
  readonly runId: string;
  /** GITHUB_RUN_ATTEMPT, 1 for the first attempt. */
  readonly runAttempt: number;
  /** `${serverUrl}/${repository}/actions/runs/${runId}`. */
  readonly runUrl: string;
  /** GITHUB_SHA; empty when not known. */
  readonly sha: string;
}

/**
 * Checks that the run tells what an incident needs: the repository (where the issue goes) and the run
 * id (what makes a re-run idempotent). Outside Actions, set GITHUB_REPOSITORY and GITHUB_RUN_ID.
 */
export function incidentContext(run: RunContext): IncidentContext {
  if (!run.repository) {
    throw new ShipgateError(
      'missing-context',
      `${SCOPE}: the repository is not known; set GITHUB_REPOSITORY to owner/repo`,
    );
  }
  if (!run.runId) {
    throw new ShipgateError(
      'missing-context',
      `${SCOPE}: the workflow run id is not known; set GITHUB_RUN_ID (it marks what each run wrote, so a re-run adds nothing twice)`,
    );
  }
  const repository = `${run.repository.owner}/${run.repository.repo}`;
  const attempt = Number(run.runAttempt ?? '1');
  const serverUrl = run.serverUrl.replace(/\/+$/, '');
  return {
    repository,
    serverUrl,
    runId: run.runId,
    runAttempt: Number.isSafeInteger(attempt) && attempt > 0 ? attempt : 1,
    runUrl: run.runUrl ?? `${serverUrl}/${repository}/actions/runs/${run.runId}`,
    sha: run.sha ?? '',
  };
}

/** Reads a file the `template` input names; the entry resolves it against the workspace. */
export interface TemplateReader {
  readFile(path: string): Promise<string>;
}

/** What an incident is about, for `open` and `resolve`: inputs first, then the deploy report. */
export interface IncidentSubject {
  /** Input, else the report's, else the repository's name. */
  readonly service: string;
  /** Input, else the report's; required. */
  readonly environment: string;
  readonly version?: string;
  readonly previousVersion?: string;
  /** `dedup-key` with `{service}` and `{environment}` expanded. */
  readonly dedupKey: string;
}

interface SettingsBase {
  readonly language: Language;
  /** Added to `incident` and `sev-N`. */
  readonly labels: readonly string[];
  /** Logins, without `@`. */
  readonly assignees: readonly string[];
  readonly report?: DeployReport;
  /** The healthcheck action's report: an incident for a failing monitor, no deploy involved. */
  readonly health?: HealthcheckReport;
  /** Slack and PagerDuty, when their inputs are given. */
  readonly notify: NotifySettings;
  readonly context: IncidentContext;
  /** For the issues port; the entry masks it before anything is logged. */
  readonly githubToken?: string;
}

export interface OpenIncidentSettings extends SettingsBase {
  readonly action: 'open';
  readonly subject: IncidentSubject;
  readonly severity: SeveritySetting;
  readonly title?: string;
  readonly sections: IncidentSectionInputs;
  readonly template?: IncidentTemplate;
}

export interface ResolveIncidentSettings extends SettingsBase {
  readonly action: 'resolve';
  readonly subject: IncidentSubject;
}

export interface RemindIncidentSettings extends SettingsBase {
  readonly action: 'remind';
  /** Only incidents of this service / environment, when given as inputs (never defaulted). */
  readonly service?: string;
  readonly environment?: string;
}

export type IncidentSettings = OpenIncidentSettings | ResolveIncidentSettings | RemindIncidentSettings;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** An optional input read by `read`, which returns undefined when the text is not of the form. */
const optionalForm = <T>(expected: string, read: (text: string) => T | undefined) =>
  z.optional(formInput(expected, read));

const name = (what: string) =>
  optionalForm(`${what} of 1 to 256 characters, without control characters`, (text) => {
    const trimmed = text.trim();
    return trimmed.length <= 256 && !CONTROL.test(trimmed) ? trimmed : undefined;
  });

const freeText = () => optionalForm('text', (text) => text.trim());

const labelList = optionalForm('a comma- or newline-separated list of label names of at most 50 characters', (text) => {
  const labels = parseList(text);
  return labels.every((label) => label.length <= 50) ? labels : undefined;
});

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const assigneeList = optionalForm('a comma- or newline-separated list of GitHub logins, like alice, @bob', (text) => {
  const logins = parseList(text).map((login) => login.replace(/^@/, ''));
  return logins.every((login) => LOGIN.test(login)) ? [...new Set(logins)] : undefined;
});

/** The report JSON; the expected form names where it broke, so the one line says what to fix. */
const reportInput = z.optional(
  z.pipe(
    z.string(),
    z.transform((text: string, ctx): DeployReport => {
      const parsed = parseDeployReport(text);
      return parsed.ok ? parsed.report : reject(ctx, `the report output of deploy or rollback (${parsed.error})`);
    }),
  ),
);

const healthReportInput = z.optional(
  z.pipe(
    z.string(),
    z.transform((text: string, ctx): HealthcheckReport => {
      const parsed = parseHealthcheckReport(text);
      return parsed.ok ? parsed.report : reject(ctx, `the report output of the healthcheck action (${parsed.error})`);
    }),
  ),
);

const schema = z.object({
  action: enumInput(INCIDENT_ACTIONS),
  severity: z.optional(enumInput(SEVERITY_SETTINGS)),
  language: z.optional(enumInput(LANGUAGES)),
  'dedup-key': z.string(),
  title: freeText(),
  impact: freeText(),
  cause: freeText(),
  mitigation: freeText(),
  verification: freeText(),
  'follow-up': freeText(),
  'deploy-report': reportInput,
  labels: labelList,
  assignees: assigneeList,
  template: freeText(),
  service: name('a service name'),
  environment: name('an environment name'),
  version: name('a version'),
  'previous-version': name('a version'),
  'github-token': z.optional(z.string()),
  'healthcheck-report': healthReportInput,
  config: freeText(),
  // Secrets: checked by parseNotifySettings, whose errors never show them.
  'slack-webhook-url': z.optional(z.string()),
  'pagerduty-routing-key': z.optional(z.string()),
  'pagerduty-url': z.optional(z.string()),
});

/**
 * Parses the incident action's inputs (SPEC §5.4) into settings, checking everything before anything is
 * done: an invalid input throws one InputError line naming the input, its value and the expected form.
 * The `template` file is read (and its placeholders checked) only for `open`, the one action that uses it.
 */
export async function parseIncidentInputs(
  raw: RawInputs,
  run: RunContext,
  files: TemplateReader,
): Promise<IncidentSettings> {
  const inputs = parseInputs(SCOPE, schema, raw, INCIDENT_DEFAULTS);
  const context = incidentContext(run);
  const report = inputs['deploy-report'];
  const health = healthReportFor(inputs, raw['healthcheck-report'] ?? '');
  const notify = parseNotifySettings(inputs);
  const subject = inputs.action === 'remind' ? undefined : subjectOf(inputs, report, context);
  const where = subject ?? remindScope(inputs);
  const configured = await readIncidentConfig(inputs.config, where, files);
  const base: SettingsBase = {
    language: inputs.language ?? configured.language ?? INCIDENT_CONFIGURABLE_DEFAULTS.language,
    labels: inputs.labels ?? configured.labels ?? [],
    assignees: inputs.assignees ?? configured.assignees ?? [],
    report,
    ...(health ? { health } : {}),
    notify,
    context,
    githubToken: inputs['github-token']?.trim() || undefined,
  };
  // Only remind has no subject.
  if (subject === undefined) {
    return { ...base, action: 'remind', service: inputs.service, environment: inputs.environment };
  }
  if (inputs.action === 'resolve') return { ...base, action: 'resolve', subject };
  const severity = inputs.severity ?? configured.severity ?? INCIDENT_CONFIGURABLE_DEFAULTS.severity;
  return openSettings(base, inputs, subject, severity, files);
}

async function openSettings(
  base: SettingsBase,
  inputs: ParsedInputs,
  subject: IncidentSubject,
  severity: SeveritySetting,
  files: TemplateReader,
): Promise<OpenIncidentSettings> {
  const templatePath = inputs.template;
  return {
    ...base,
    action: 'open',
    subject,
    severity,
    title: inputs.title,
    sections: {
      impact: inputs.impact,
      cause: inputs.cause,
      mitigation: inputs.mitigation,
      verification: inputs.verification,
      followUp: inputs['follow-up'],
    },
    template: templatePath !== undefined ? await readTemplate(templatePath, files) : undefined,
  };
}

/** With `remind`, the config applies only when both service and environment name one block of it. */
function remindScope(inputs: ParsedInputs): { service: string; environment: string } | undefined {
  return inputs.service && inputs.environment
    ? { service: inputs.service, environment: inputs.environment }
    : undefined;
}

/**
 * The healthcheck report, checked against the action: a failing report opens (or updates) the incident,
 * a passing one resolves it; the two reports are alternatives, never both.
 */
function healthReportFor(inputs: ParsedInputs, text: string): HealthcheckReport | undefined {
  const health = inputs['healthcheck-report'];
  if (!health || inputs.action === 'remind') return undefined;
  const fail = (expected: string): never => {
    throw new InputError('healthcheck-report', text, expected, { scope: SCOPE });
  };
  if (inputs['deploy-report'] !== undefined) {
    fail('no healthcheck report when deploy-report is given (an incident comes from one report)');
  }
  if (inputs.action === 'open' && health.healthy) {
    fail('a failing report (healthy: false) for action open; a passing one resolves the incident (action: resolve)');
  }
  if (inputs.action === 'resolve' && !health.healthy) {
    fail('a passing report (healthy: true) for action resolve; a failing one opens the incident (action: open)');
  }
  return health;
}

type ParsedInputs = z.output<typeof schema>;

function subjectOf(inputs: ParsedInputs, report: DeployReport | undefined, context: IncidentContext): IncidentSubject {
  const service = inputs.service || report?.service || context.repository.split('/').at(-1) || undefined;
  const environment = inputs.environment || report?.environment || undefined;
  if (service === undefined) {
    throw new InputError('service', undefined, 'a service name, or a deploy-report that names one', { scope: SCOPE });
  }
  if (environment === undefined) {
    throw new InputError('environment', undefined, 'an environment name, or a deploy-report that names one', {
      scope: SCOPE,
    });
  }
  return {
    service,
    environment,
    version: inputs.version || report?.version || undefined,
    previousVersion: inputs['previous-version'] || report?.previousVersion || undefined,
    dedupKey: expandDedupKey(inputs['dedup-key'], service, environment),
  };
}

/** Expands `{service}` and `{environment}` in the dedup key; any other `{…}` is an input error. */
export function expandDedupKey(template: string, service: string, environment: string): string {
  if (unknownPlaceholder(template, ['service', 'environment'])) {
    throw new InputError('dedup-key', template, 'a key whose only placeholders are {service} and {environment}', {
      scope: SCOPE,
    });
  }
  const key = expandPlaceholders(template.trim(), { service, environment }, 'text');
  if (key === '' || key.length > 256) {
    throw new InputError('dedup-key', template, 'a key of 1 to 256 characters', { scope: SCOPE });
  }
  return key;
}

async function readTemplate(path: string, files: TemplateReader): Promise<IncidentTemplate> {
  let text: string;
  try {
    text = await files.readFile(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = errorMessage(error).split('\n')[0] ?? '';
    throw new InputError('template', path, `a readable Markdown file (${reason})`, { scope: SCOPE, cause: error });
  }
  return checkTemplate(path, text, SCOPE);
}
