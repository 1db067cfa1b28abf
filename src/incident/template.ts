import { InputError } from '../core/errors.js';

/**
 * Custom issue-body templates (`template` input): Markdown with `{{placeholder}}`s, spaces inside the
 * braces allowed (`{{ cause }}`). Every `{{…}}` must name a placeholder below; anything else is an input
 * error found before any issue is touched. A value that is not known (no deploy report, no deployment)
 * is the empty string. shipgate's hidden markers are appended after the filled template, always.
 */
export const TEMPLATE_PLACEHOLDERS = [
  /** `[SEV-2] api/production: deploy 1.4.2 failed, rolled back to 1.4.1` */
  'title',
  'severity',
  'service',
  'environment',
  'version',
  'previousVersion',
  'strategy',
  /** The result in words, in the template's language: `failed, rolled back to 1.4.1`. */
  'result',
  'failureReason',
  'runUrl',
  'runId',
  'runAttempt',
  'sha',
  'commitUrl',
  'deploymentId',
  'deploymentUrl',
  'repository',
  'dedupKey',
  'startedAt',
  'finishedAt',
  /** The five sections, from the inputs or generated from the report (Markdown, no heading). */
  'impact',
  'cause',
  'mitigation',
  'verification',
  'followUp',
  /** The timeline table of the report's steps. */
  'timeline',
  /** The summary table: service, environment, versions, strategy, result, run, commit, deployment. */
  'summaryTable',
  /** `**Next update due by 03:32 UTC** (SEV-2: every 30 min)` */
  'nextUpdate',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateValues = Readonly<Record<TemplatePlaceholder, string>>;

/** A template that has been read and checked. */
export interface IncidentTemplate {
  readonly path: string;
  readonly text: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function isPlaceholder(name: string): name is TemplatePlaceholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Checks every `{{…}}` of a template; throws an InputError naming the first unknown one and its line. */
export function checkTemplate(path: string, text: string, scope = 'incident'): IncidentTemplate {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').trim();
    if (!isPlaceholder(name)) {
      const line = text.slice(0, match.index).split('\n').length;
      throw new InputError(
        'template',
        path,
        `a template whose placeholders are all known; {{${name}}} on line ${line} is not one of ${TEMPLATE_PLACEHOLDERS.join(', ')}`,
        { scope },
      );
    }
  }
  return { path, text };
}

/** Fills a checked template. Values are inserted as they are; the result is not scanned again. */
export function fillTemplate(template: IncidentTemplate, values: TemplateValues): string {
  return template.text.replace(PLACEHOLDER, (all, inner: string) => {
    const name = inner.trim();
    return isPlaceholder(name) ? values[name] : all;
  });
}
