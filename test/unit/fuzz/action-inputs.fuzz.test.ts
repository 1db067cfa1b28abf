import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHASES, STRATEGIES } from '../../../src/core/vocabulary.js';
import { parseConfig } from '../../../src/deploy/config.js';
import { run as runDeploy } from '../../../src/deploy/deploy-action.js';
import { run as runRollback } from '../../../src/deploy/rollback-action.js';
import { type HealthcheckAdapters, run as runHealthcheck } from '../../../src/health/healthcheck-action.js';
import { prepareHealthcheckAnalysis } from '../../../src/health/healthcheck-analysis.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { type IncidentAdapters, run as runIncident } from '../../../src/incident/incident-action.js';
import { loadConfig } from '../../../src/runtime/deploy-adapters.js';
import { incidentAdapters } from '../../../src/runtime/incident-adapters.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeIssues } from '../../support/fake-issues.js';
import { FakeRuntime } from '../../support/fake-runtime.js';
import { CONFIG, deployFakes } from '../actions/deploy-fakes.js';
import { RUN } from '../incident/fixtures.js';
import {
  badBoolean,
  badChoice,
  badDuration,
  badHeaders,
  badInteger,
  badJsonObject,
  badMetrics,
  badName,
  badRegex,
  badUrl,
  badVersion,
  junk,
  outsidePath,
} from './arbitraries.js';

/**
 * SPEC §10: every action's inputs, and the config, take ≥ 1,000 generated bad values each, in-process
 * through the action's `run(runtime, adapters)` with fake ports. Each must end the run with exit 1 and
 * one line (no CR/LF, ≤ 1,000 characters) naming the input or key, and with no API write, no hook, no
 * route, no state change and no probe. The counts are printed at the end (docs/security.md has them).
 */
const RUNS = 1_200;
const tally: Record<string, { runs: number; clear: number }> = {};

afterAll(() => {
  const lines = Object.entries(tally).map(
    ([name, { runs, clear }]) => `${name}: ${clear}/${runs} clear one-line errors`,
  );
  console.log(`fuzz counts\n${lines.join('\n')}`);
});

beforeAll(async () => {
  await import('../../../src/deploy/deploy-summary.js');
});

type Case = readonly [input: string, value: string];
const cases = (input: string, values: fc.Arbitrary<string>) => values.map((value): Case => [input, value]);

interface Observed {
  readonly runtime: FakeRuntime;
  readonly effects: readonly string[];
}

/** Asserts one refusal naming `named`, and counts it. */
function expectRefusal(action: string, named: string, observed: Observed): void {
  const entry = tally[action] ?? { runs: 0, clear: 0 };
  tally[action] = entry;
  entry.runs += 1;
  const { runtime, effects } = observed;
  expect(runtime.exitCode, `${action}: ${runtime.failures.join(' / ')}`).toBe(1);
  expect(runtime.failures).toHaveLength(1);
  const line = runtime.failures[0] ?? '';
  expect(line).not.toMatch(/[\r\n]/);
  expect(line.length).toBeLessThanOrEqual(1_000);
  expect(line).toContain(named);
  expect(line).not.toMatch(/^unexpected error/);
  expect(effects).toEqual([]);
  entry.clear += 1;
}

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'shipgate-fuzz-'));
  mkdirSync(join(root, '.github'));
  writeFileSync(join(root, '.github', 'shipgate.yml'), CONFIG);
  return root;
}

describe('healthcheck inputs', () => {
  const DEFAULTS = {
    urls: 'http://127.0.0.1:8080/health',
    method: 'GET',
    'expected-status': '200-299',
    timeout: '5s',
    interval: '2s',
    'success-threshold': '1',
    'failure-threshold': '3',
    deadline: '2m',
    duration: '0s',
    concurrency: '16',
    insecure: 'false',
    'report-to': 'summary,pr-comment,commit-status',
    'github-token': 'ghs_token123',
  };
  const METRIC = '- name: up\n  query: up\n  min: 1\n';
  const generated = fc.oneof(
    cases('urls', badUrl),
    cases('method', badChoice(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])),
    cases('headers', badHeaders),
    cases(
      'expected-status',
      junk.map((s) => `x${s}`),
    ),
    cases('expect-json', badJsonObject),
    cases('expect-text', badRegex),
    cases('timeout', badDuration),
    cases('interval', badDuration),
    cases('deadline', badDuration),
    cases('duration', badDuration),
    cases('success-threshold', badInteger),
    cases('failure-threshold', badInteger),
    cases('concurrency', badInteger),
    cases('insecure', badBoolean),
    cases(
      'report-to',
      badChoice(['summary', 'pr-comment', 'commit-status']).map((s) => `summary,${s}`),
    ),
    cases('metrics', badMetrics),
    cases(
      'prometheus-url',
      badUrl.filter((url) => !url.includes('{nope')),
    ),
  );

  it(`refuses ${RUNS} generated bad values with one line and no probe or GitHub write`, async () => {
    await fc.assert(
      fc.asyncProperty(generated, async ([input, value]) => {
        const effects: string[] = [];
        const clock = new FakeClock();
        const http: HttpClient = {
          request: async (request) => {
            effects.push(`probe ${request.url}`);
            return { kind: 'response', status: 200, body: '{}', latencyMs: 1 };
          },
        };
        const adapters: HealthcheckAdapters = {
          clock,
          http: () => http,
          prepareAnalysis: async (raw, ports) => prepareHealthcheckAnalysis(raw, ports),
          gateReporter: async () => {
            effects.push('github');
            return {
              setCommitStatus: async () => void effects.push('status'),
              upsertComment: async () => {
                effects.push('comment');
                return { url: '', created: true };
              },
            };
          },
        };
        const metrics: Record<string, string> = input === 'prometheus-url' ? { metrics: METRIC } : {};
        const runtime = new FakeRuntime({ ...DEFAULTS, ...metrics, [input]: value }, { context: RUN });
        await clock.run(runHealthcheck(runtime, adapters), 60_000);
        expectRefusal('healthcheck', `'${input}'`, { runtime, effects });
      }),
      { numRuns: RUNS },
    );
  });
});

function deployObserved(root: string, configText?: string) {
  const fakes = deployFakes();
  const effects: string[] = [];
  const before = JSON.stringify(fakes.store.state);
  const adapters = {
    ...fakes.adapters,
    loadConfig: (path: string, ws: string, scope: string) =>
      configText === undefined ? loadConfig(path, ws, scope) : { config: parseConfig(configText, path) },
    createStateStore: async (request: Parameters<typeof fakes.adapters.createStateStore>[0]) => {
      effects.push(`state store ${request.state}`);
      return fakes.adapters.createStateStore(request);
    },
  };
  const collect = () => [
    ...effects,
    ...fakes.hooks.map((hook) => `hook ${hook}`),
    ...fakes.routes.map((route) => `route ${route}`),
    ...(JSON.stringify(fakes.store.state) === before ? [] : ['state changed']),
  ];
  return { fakes, adapters, collect, context: { ...RUN, workspace: root } };
}

describe('deploy inputs', () => {
  const root = workspace();
  const INPUTS = {
    environment: 'production',
    version: '1.0.0',
    service: 'web',
    config: '.github/shipgate.yml',
    'rollback-on-error': 'true',
    phase: 'full',
    'dry-run': 'false',
    state: 'file',
    'state-file': '.shipgate/state.json',
  };
  const generated = fc.oneof(
    cases('service', badName),
    cases('environment', badName),
    cases('version', badVersion),
    cases('strategy', badChoice(STRATEGIES)),
    cases('config', outsidePath),
    cases('rollback-on-error', badBoolean),
    cases('phase', badChoice(PHASES)),
    cases('dry-run', badBoolean),
    cases('state', badChoice(['auto', 'file', 'github'])),
  );

  it(`refuses ${RUNS} generated bad values with one line, no hook, no route and no state change`, async () => {
    await fc.assert(
      fc.asyncProperty(generated, async ([input, value]) => {
        const { fakes, adapters, collect, context } = deployObserved(root);
        const runtime = new FakeRuntime({ ...INPUTS, [input]: value }, { context });
        await fakes.clock.run(runDeploy(runtime, adapters), 60_000);
        expectRefusal('deploy', `'${input}'`, { runtime, effects: collect() });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('rollback inputs', () => {
  const root = workspace();
  const INPUTS = {
    environment: 'production',
    service: 'web',
    config: '.github/shipgate.yml',
    state: 'file',
    'state-file': '.shipgate/state.json',
  };
  const generated = fc.oneof(
    cases('service', badName),
    cases('environment', badName),
    cases('to-version', badVersion),
    cases('config', outsidePath),
    cases('state', badChoice(['auto', 'file', 'github'])),
  );

  it(`refuses ${RUNS} generated bad values with one line, no hook, no route and no state change`, async () => {
    await fc.assert(
      fc.asyncProperty(generated, async ([input, value]) => {
        const { fakes, adapters, collect, context } = deployObserved(root);
        const runtime = new FakeRuntime({ ...INPUTS, [input]: value }, { context });
        await fakes.clock.run(runRollback(runtime, adapters), 60_000);
        expectRefusal('rollback', `'${input}'`, { runtime, effects: collect() });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('incident inputs', () => {
  const root = workspace();
  const generated = fc.oneof(
    cases('action', badChoice(['open', 'resolve', 'remind'])),
    cases('severity', badChoice(['SEV-1', 'SEV-2', 'SEV-3', 'auto'])),
    cases('language', badChoice(['en', 'ko'])),
    cases('deploy-report', badJsonObject),
    cases('healthcheck-report', badJsonObject),
    cases('template', outsidePath),
    cases('config', outsidePath),
    cases(
      'dedup-key',
      fc.integer({ min: 257, max: 3000 }).map((n) => 'k'.repeat(n)),
    ),
    cases(
      'pagerduty-routing-key',
      junk.map((s) => `x${s}!`),
    ),
    cases(
      'slack-webhook-url',
      badUrl.filter((url) => !url.includes('{nope')),
    ),
    cases(
      'pagerduty-url',
      badUrl.filter((url) => !url.includes('{nope')),
    ),
  );

  it(`refuses ${RUNS} generated bad values with one line and no GitHub call or notification`, async () => {
    await fc.assert(
      fc.asyncProperty(generated, async ([input, value]) => {
        const effects: string[] = [];
        const clock = new FakeClock(Date.parse('2026-11-22T03:02:30Z'));
        const issues = new FakeIssues(() => clock.now());
        const adapters: IncidentAdapters = {
          clock,
          readFile: incidentAdapters().readFile,
          issues: async () => {
            effects.push('github');
            return issues;
          },
          http: async () => ({
            request: async (request) => {
              effects.push(`notify ${request.url}`);
              return { kind: 'response', status: 202, body: '', latencyMs: 1 };
            },
          }),
        };
        const base = { action: 'open', environment: 'production', service: 'api', 'github-token': 'ghs_x' };
        const runtime = new FakeRuntime({ ...base, [input]: value }, { context: { ...RUN, workspace: root } });
        await runIncident(runtime, adapters);
        expectRefusal('incident', `'${input}'`, { runtime, effects });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('config', () => {
  /** One key of the valid config replaced by a bad value (a function replacement: `$&` in a value is text); the line must name that key's path. */
  const generated = fc.oneof(
    badChoice(STRATEGIES).map(
      (v): Case => ['production.strategy', CONFIG.replace('strategy: canary', () => `strategy: ${JSON.stringify(v)}`)],
    ),
    fc
      .oneof(fc.integer({ min: 101, max: 1e6 }), fc.integer({ min: -1e6, max: -1 }))
      .map((v): Case => ['canary.steps[0].weight', CONFIG.replace('weight: 10', () => `weight: ${v}`)]),
    badUrl
      .filter((url) => !url.includes('{nope'))
      .map((v): Case => ['health.url', CONFIG.replace('"http://{address}/health"', () => JSON.stringify(v))]),
    fc
      .stringMatching(/^[a-z][a-z0-9]{2,12}$/)
      .filter(
        (key) => !['strategy', 'target', 'router', 'health', 'canary', 'analysis', 'hooks', 'rolling'].includes(key),
      )
      .map(
        (key): Case => [
          `production.${key}`,
          CONFIG.replace('        strategy: canary', () => `        ${key}: 1\n        strategy: canary`),
        ],
      ),
    badDuration.map(
      (v): Case => [
        'target.timeout',
        CONFIG.replace('deploy: "./deploy.sh",', () => `deploy: "./deploy.sh", timeout: ${JSON.stringify(v)},`),
      ],
    ),
    fc.integer({ min: 2, max: 99 }).map((v): Case => ['version', CONFIG.replace('version: 1', () => `version: ${v}`)]),
    badName.map((v): Case => ['services', CONFIG.replace('  web:', () => `  ${JSON.stringify(v)}:`)]),
    fc
      .constantFrom('root:x:0:0:root:/root:/bin/bash', '#!/bin/sh\necho hi', '- a\n- b')
      .map((v): Case => ['(file)', v]),
  );

  it(`refuses ${RUNS} generated bad configs with one line naming the key path, before any hook or state`, async () => {
    await fc.assert(
      fc.asyncProperty(generated, async ([key, text]) => {
        const { fakes, adapters, collect, context } = deployObserved(workspace(), text);
        const runtime = new FakeRuntime(
          {
            environment: 'production',
            version: '1.0.0',
            service: 'web',
            config: '.github/shipgate.yml',
            state: 'file',
          },
          { context },
        );
        await fakes.clock.run(runDeploy(runtime, adapters), 60_000);
        expectRefusal('config', key, { runtime, effects: collect() });
        expect(runtime.failures[0]).not.toContain('root:x:0:0');
      }),
      { numRuns: RUNS },
    );
  });
});
