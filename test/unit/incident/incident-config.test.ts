import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { RawInputs } from '../../../src/core/inputs.js';
import { ConfigError } from '../../../src/deploy/config.js';
import { readIncidentConfig } from '../../../src/incident/incident-config.js';
import { parseIncidentInputs } from '../../../src/incident/incident-settings.js';
import { canaryRolledBack, RUN } from './fixtures.js';
import { allPassing, readinessDown } from './health-fixtures.js';

const config = (incident: string, service = 'api', environment = 'production') =>
  [
    'version: 1',
    'services:',
    `  ${service}:`,
    '    environments:',
    `      ${environment}:`,
    '        target: { kind: command, deploy: ./deploy.sh }',
    `        incident: ${incident}`,
    '',
  ].join('\n');

const workspace = (files: Record<string, string>) => ({
  readFile: async (path: string) => {
    const text = files[path];
    if (text === undefined) {
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '/w/${path}'`), { code: 'ENOENT' });
    }
    return text;
  },
});

const BLOCK = '{ labels: [api, oncall], assignees: ["@alice", bob], language: ko, severity: SEV-1 }';
const API_PRODUCTION = { service: 'api', environment: 'production' };

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('readIncidentConfig', () => {
  it("reads the service and environment's incident block from .github/shipgate.yml", async () => {
    const files = workspace({ '.github/shipgate.yml': config(BLOCK) });
    expect(await readIncidentConfig(undefined, API_PRODUCTION, files)).toEqual({
      labels: ['api', 'oncall'],
      assignees: ['alice', 'bob'],
      language: 'ko',
      severity: 'SEV-1',
    });
  });

  it('gives no defaults when the default config does not exist, or does not name the service or environment', async () => {
    expect(await readIncidentConfig(undefined, API_PRODUCTION, workspace({}))).toEqual({});
    const files = workspace({ '.github/shipgate.yml': config(BLOCK, 'web') });
    expect(await readIncidentConfig(undefined, API_PRODUCTION, files)).toEqual({});
    expect(await readIncidentConfig(undefined, undefined, files)).toEqual({});
  });

  it('refuses a config named by the input that cannot be read', async () => {
    const error = await errorOf(readIncidentConfig('deploy/shipgate.yml', API_PRODUCTION, workspace({})));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      "incident: input 'config' is 'deploy/shipgate.yml'; expected a readable shipgate config file (ENOENT: no such file or directory, open '/w/deploy/shipgate.yml')",
    );
  });

  it.each(['/etc/shipgate.yml', '../other/.github/shipgate.yml', 'a/../../b.yml', 'C:\\x.yml'])(
    'refuses %s, a path outside the workspace',
    async (path) => {
      const error = await errorOf(readIncidentConfig(path, API_PRODUCTION, workspace({})));
      expect(error.message).toBe(
        `incident: input 'config' is '${path}'; expected a path inside the workspace, like .github/shipgate.yml`,
      );
    },
  );

  it.each([
    [
      '{ language: kr }',
      ".github/shipgate.yml: key 'services.api.environments.production.incident.language' is 'kr'; expected en or ko",
    ],
    [
      '{ severity: sev-1 }',
      ".github/shipgate.yml: key 'services.api.environments.production.incident.severity' is 'sev-1'; expected one of SEV-1, SEV-2, SEV-3, auto",
    ],
    [
      '{ assignees: [alice, "bob smith"] }',
      ".github/shipgate.yml: key 'services.api.environments.production.incident.assignees[1]' is 'bob smith'; expected a GitHub login, like alice",
    ],
    [
      `{ labels: [${'x'.repeat(51)}] }`,
      `.github/shipgate.yml: key 'services.api.environments.production.incident.labels[0]' is '${'x'.repeat(51)}'; expected a label name of 1 to 50 characters`,
    ],
  ])('names the key of a bad incident block %s', async (block, message) => {
    const error = await errorOf(
      readIncidentConfig(undefined, API_PRODUCTION, workspace({ '.github/shipgate.yml': config(block) })),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(message);
  });
});

describe('parseIncidentInputs with a config', () => {
  const files = workspace({ '.github/shipgate.yml': config(BLOCK), 'ops/shipgate.yml': config('{ language: en }') });
  const parse = (raw: RawInputs) => parseIncidentInputs(raw, RUN, files);
  const report = JSON.stringify(canaryRolledBack());

  it('takes the defaults of the config when the inputs are not set', async () => {
    expect(await parse({ 'deploy-report': report })).toMatchObject({
      labels: ['api', 'oncall'],
      assignees: ['alice', 'bob'],
      language: 'ko',
      severity: 'SEV-1',
    });
  });

  it('lets each input that is set win, blank inputs counting as not set', async () => {
    expect(
      await parse({ 'deploy-report': report, labels: 'web', assignees: ' ', language: 'en', severity: 'auto' }),
    ).toMatchObject({ labels: ['web'], assignees: ['alice', 'bob'], language: 'en', severity: 'auto' });
  });

  it('reads the config the input names', async () => {
    expect(await parse({ 'deploy-report': report, config: 'ops/shipgate.yml' })).toMatchObject({
      labels: [],
      language: 'en',
      severity: 'auto',
    });
  });

  it('applies the config to remind only for a given service and environment', async () => {
    expect(await parse({ action: 'remind' })).toMatchObject({ assignees: [], language: 'en' });
    expect(await parse({ action: 'remind', service: 'api', environment: 'production' })).toMatchObject({
      assignees: ['alice', 'bob'],
      language: 'ko',
    });
  });
});

describe('parseIncidentInputs with a healthcheck report', () => {
  const parse = (raw: RawInputs) => parseIncidentInputs(raw, RUN, workspace({}));
  const failing = JSON.stringify(readinessDown());
  const passing = JSON.stringify(allPassing());

  it('opens from a failing report, naming the service and environment from the inputs', async () => {
    expect(await parse({ 'healthcheck-report': failing, environment: 'production' })).toMatchObject({
      action: 'open',
      health: { healthy: false },
      subject: { service: 'shop', environment: 'production', dedupKey: 'shop/production' },
    });
  });

  it.each([
    [
      { action: 'open', 'healthcheck-report': passing },
      'a failing report (healthy: false) for action open; a passing one resolves the incident (action: resolve)',
    ],
    [
      { action: 'resolve', 'healthcheck-report': failing },
      'a passing report (healthy: true) for action resolve; a failing one opens the incident (action: open)',
    ],
    [
      { 'healthcheck-report': failing, 'deploy-report': JSON.stringify(canaryRolledBack()) },
      'no healthcheck report when deploy-report is given (an incident comes from one report)',
    ],
  ])('refuses %j', async (raw, expected) => {
    const error = await errorOf(parse({ environment: 'production', ...raw }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('healthcheck-report');
    expect((error as InputError).expected).toBe(expected);
  });

  it('refuses a report that is not the healthcheck output, saying where it broke', async () => {
    const error = await errorOf(parse({ environment: 'production', 'healthcheck-report': '{"healthy": 1}' }));
    expect(error.message).toBe(
      `incident: input 'healthcheck-report' is '{"healthy": 1}'; expected the report output of the healthcheck action (healthy is 1; expected true or false)`,
    );
  });
});
