import { describe, expect, it } from 'vitest';
import { InputError, ShipgateError } from '../../../src/core/errors.js';
import type { RawInputs } from '../../../src/core/inputs.js';
import type { IncidentSettings, TemplateReader } from '../../../src/incident/incident-settings.js';
import {
  INCIDENT_CONFIGURABLE_DEFAULTS,
  INCIDENT_DEFAULTS,
  parseIncidentInputs,
} from '../../../src/incident/incident-settings.js';
import { canaryRolledBack, RUN } from './fixtures.js';

const REPORT = JSON.stringify(canaryRolledBack());

const files = (contents: Record<string, string> = {}): TemplateReader => ({
  readFile: async (path) => {
    const text = contents[path];
    if (text === undefined)
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return text;
  },
});

const parse = (raw: RawInputs, templates?: Record<string, string>): Promise<IncidentSettings> =>
  parseIncidentInputs(raw, RUN, files(templates));

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('parseIncidentInputs', () => {
  it('opens from a deploy report with the defaults', async () => {
    const settings = await parse({ 'deploy-report': REPORT });
    expect(settings).toMatchObject({
      action: 'open',
      severity: 'auto',
      language: 'en',
      labels: [],
      assignees: [],
      subject: {
        service: 'api',
        environment: 'production',
        version: '1.4.2',
        previousVersion: '1.4.1',
        dedupKey: 'api/production',
      },
      context: { repository: 'acme/shop', runId: '812345', runAttempt: 1, serverUrl: 'https://github.com' },
    });
  });

  it('lets inputs override the report, and expands the dedup key', async () => {
    const settings = await parse({
      'deploy-report': REPORT,
      service: 'payments',
      environment: 'production-eu',
      version: '2.0.0',
      'previous-version': '1.9.9',
      'dedup-key': 'deploys/{service}@{ environment }',
      labels: 'payments, team-a\nteam-b',
      assignees: '@alice, bob',
      severity: 'SEV-1',
      language: 'ko',
    });
    expect(settings).toMatchObject({
      severity: 'SEV-1',
      language: 'ko',
      labels: ['payments', 'team-a', 'team-b'],
      assignees: ['alice', 'bob'],
      subject: {
        service: 'payments',
        environment: 'production-eu',
        version: '2.0.0',
        previousVersion: '1.9.9',
        dedupKey: 'deploys/payments@production-eu',
      },
    });
  });

  it('defaults the service to the repository name when there is no report', async () => {
    const settings = await parse({ environment: 'staging', action: 'resolve' });
    expect(settings).toMatchObject({
      action: 'resolve',
      subject: { service: 'shop', environment: 'staging', dedupKey: 'shop/staging' },
    });
  });

  it('does not default the filters of remind', async () => {
    const settings = await parse({ action: 'remind' });
    expect(settings).toMatchObject({ action: 'remind' });
    expect(settings.action === 'remind' && settings.service).toBeUndefined();
    expect(settings.action === 'remind' && settings.environment).toBeUndefined();
  });

  it('takes the sections given as inputs', async () => {
    const settings = await parse({
      'deploy-report': REPORT,
      impact: ' checkout down for 2 minutes ',
      'follow-up': '- [ ] add a canary alert',
    });
    expect(settings.action === 'open' && settings.sections).toEqual({
      impact: 'checkout down for 2 minutes',
      cause: undefined,
      mitigation: undefined,
      verification: undefined,
      followUp: '- [ ] add a canary alert',
    });
  });

  it('reads and checks the template for open', async () => {
    const settings = await parse(
      { 'deploy-report': REPORT, template: '.github/incident.md' },
      { '.github/incident.md': '# {{title}}\n{{cause}}' },
    );
    expect(settings.action === 'open' && settings.template).toEqual({
      path: '.github/incident.md',
      text: '# {{title}}\n{{cause}}',
    });
  });

  it.each([
    [{ action: 'close' }, "incident: input 'action' is 'close'; expected one of open, resolve, remind"],
    [{ severity: 'SEV-9' }, "incident: input 'severity' is 'SEV-9'; expected one of SEV-1, SEV-2, SEV-3, auto"],
    [{ severity: 'sev-1' }, "incident: input 'severity' is 'sev-1'; expected one of SEV-1, SEV-2, SEV-3, auto"],
    [{ language: 'kr' }, "incident: input 'language' is 'kr'; expected one of en, ko"],
    [
      { assignees: 'alice, bob smith' },
      "incident: input 'assignees' is 'alice, bob smith'; expected a comma- or newline-separated list of GitHub logins, like alice, @bob",
    ],
    [
      { labels: 'x'.repeat(51) },
      `incident: input 'labels' is '${'x'.repeat(51)}'; expected a comma- or newline-separated list of label names of at most 50 characters`,
    ],
    [
      { 'dedup-key': '{service}/{region}' },
      "incident: input 'dedup-key' is '{service}/{region}'; expected a key whose only placeholders are {service} and {environment}",
    ],
    [
      { version: 'v1\u0007' },
      "incident: input 'version' is 'v1\u0007'; expected a version of 1 to 256 characters, without control characters",
    ],
  ])('rejects %j in one line', async (raw, message) => {
    const error = await errorOf(parse({ 'deploy-report': REPORT, ...raw }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(message);
  });

  it.each([
    ['{"service": "api",', 'not JSON: unexpected end at line 1, column 19'],
    ['{"service": "api", }', 'not JSON: unexpected "}" at line 1, column 20'],
    ['{"service": "api"}', 'environment is missing; expected a string (it is required)'],
    [
      JSON.stringify({ ...canaryRolledBack(), result: 'broken' }),
      'result is "broken"; expected one of succeeded, rolled-back, failed, aborted, planned, noop',
    ],
  ])('rejects the deploy report %j, saying where it broke', async (text, where) => {
    const error = await errorOf(parse({ 'deploy-report': text }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^incident: input 'deploy-report' is '.*'; expected the report output of deploy or rollback \(/,
    );
    expect(error.message).toContain(`(${where})`);
    expect(error.message).not.toContain('\n');
  });

  it('rejects an unreadable template in one line', async () => {
    const error = await errorOf(parse({ 'deploy-report': REPORT, template: '.github/missing.md' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      "incident: input 'template' is '.github/missing.md'; expected a readable Markdown file (ENOENT: no such file or directory, open '.github/missing.md')",
    );
  });

  it('rejects a template with an unknown placeholder before anything is done', async () => {
    const error = await errorOf(parse({ 'deploy-report': REPORT, template: 't.md' }, { 't.md': 'Owner: {{owner}}' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^incident: input 'template' is 't\.md'; expected .*\{\{owner\}\} on line 1 is not one of/,
    );
  });

  it('does not read the template for resolve', async () => {
    const settings = await parse({ action: 'resolve', 'deploy-report': REPORT, template: 'missing.md' });
    expect(settings.action).toBe('resolve');
  });

  it('needs an environment to open or resolve', async () => {
    const error = await errorOf(parse({ action: 'open' }));
    expect(error.message).toBe(
      "incident: input 'environment' is missing; expected an environment name, or a deploy-report that names one",
    );
  });

  it('needs the run id, which makes re-runs idempotent', async () => {
    const error = await errorOf(parseIncidentInputs({ environment: 'staging' }, { ...RUN, runId: undefined }, files()));
    expect(error).toBeInstanceOf(ShipgateError);
    expect(error.message).toMatch(/^incident: the workflow run id is not known; set GITHUB_RUN_ID/);
  });

  it('keeps the defaults action.yml declares, and in code those the config may change', () => {
    expect(INCIDENT_DEFAULTS).toEqual({
      action: 'open',
      'dedup-key': '{service}/{environment}',
      'pagerduty-url': 'https://events.pagerduty.com/v2/enqueue',
    });
    expect(INCIDENT_CONFIGURABLE_DEFAULTS).toEqual({ severity: 'auto', language: 'en' });
  });
});
