import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/deploy/config.js';
import { resolveDeploySettings } from '../../../src/deploy/settings.js';
import { planDeploy } from '../../../src/deploy/strategies.js';
import { EMPTY_STATE } from '../../../src/state/ports.js';

const FILE = '.github/shipgate.yml';
const inputs = {
  service: 'api',
  environment: 'production',
  version: '1.4.2',
  phase: 'full',
  rollbackOnError: true,
  dryRun: false,
} as const;

/** A canary environment whose `health:` and extra keys are the test's (YAML flow text). */
function config(health: string, extra = '') {
  return parseConfig(
    `version: 1
services:
  api:
    environments:
      production:
        strategy: canary
        target: { kind: command, deploy: ./start.sh, slots: { blue: ["127.0.0.1:8081"], green: ["127.0.0.1:8082"] } }
        router: { kind: command, route: ./route.sh }
        canary: { steps: [ { weight: 10 } ] }
        health: ${health}
${extra}`,
    FILE,
  );
}

const settingsOf = (health: string, extra = '') => resolveDeploySettings(config(health, extra), inputs, FILE);

describe('health checks in the deploy config', () => {
  it('gives each item of urls its own expectations over the shared ones (live 200, ready 200 or 503)', () => {
    const { health } = settingsOf(
      `{ expect-json: { status: UP }, urls: [ "http://{address}/live", { url: "http://{address}/ready", expected-status: "200,503", expect-json: {} } ] }`,
    );
    const [live, ready] = health.checks;
    expect(live?.kind === 'http' && live.expect.status.has(503)).toBe(false);
    expect(live?.kind === 'http' && live.expect.json).toEqual({ status: 'UP' });
    expect(ready?.kind === 'http' && ready.expect.status.has(503)).toBe(true);
  });

  it('reads a POST with a body and headers for a check, as the 413 payload check needs', () => {
    const { health } = settingsOf(
      `{ urls: [ { url: "http://{host}:{port}/upload", method: POST, body: "xxxx", headers: { Content-Type: text/plain }, expected-status: 413 } ] }`,
    );
    expect(health.checks[0]).toMatchObject({
      kind: 'http',
      method: 'POST',
      body: 'xxxx',
      headers: { 'content-type': 'text/plain' },
    });
  });

  it('reads tcp and command checks beside HTTP ones', () => {
    const { health } = settingsOf(`{ tcp: ["{host}:13306"], command: ./probe.sh }`);
    expect(health.checks).toEqual([
      { kind: 'tcp', address: '{host}:13306' },
      { kind: 'command', command: './probe.sh' },
    ]);
  });

  it.each([
    [`{ url: "http://{adress}/health" }`, 'health.url', '{address} {host} {port}'],
    [`{ urls: [ "http://{address}/a", { url: "http://{hots}/b" } ] }`, 'health.urls[1].url', '{host}'],
    [`{ tcp: ["{host}:{prot}"] }`, 'health.tcp[0]', 'host:port'],
    [`{ interval: 1s }`, 'health.url', 'a health gate with url, urls, tcp or command'],
    [`{ url: "http://a/", urls: ["http://b/"] }`, 'health.urls', 'either url or urls'],
  ])('refuses %s naming the key %s', (health, key, expected) => {
    expect(() => config(health)).toThrow(
      new RegExp(
        `key 'services\\.api\\.environments\\.production\\.${key.replace(/[.[\]]/g, '\\$&')}'.*${expected.replace(/[{}]/g, '\\$&')}`,
      ),
    );
  });

  it('refuses an unknown hook point with its key path', () => {
    expect(() => config('{ url: "http://{address}/" }', '        hooks: { before-trafic: ./x.sh }')).toThrow(
      /key 'services\.api\.environments\.production\.hooks\.before-trafic'/,
    );
  });

  it('puts the hooks in the plan: preflight first, before-traffic before the first route, after-traffic before activate', () => {
    const settings = settingsOf(
      '{ url: "http://{address}/" }',
      '        hooks: { preflight: ./pre.sh, before-traffic: ./migrate.sh, after-traffic: ./smoke.sh, after-rollback: ./verify.sh }',
    );
    const live = {
      ...EMPTY_STATE,
      activeSlot: 'blue' as const,
      activeVersion: '1',
      slots: { blue: { version: '1', up: true } },
    };
    expect(planDeploy(settings, live).steps.map((step) => step.name)).toEqual([
      'preflight hook: ./pre.sh',
      'deploy 1.4.2 to green',
      'gate green before traffic',
      'before-traffic hook: ./migrate.sh',
      'route 10% to green',
      'gate green at 10%',
      'route 100% to green',
      'after-traffic hook: ./smoke.sh',
      'make green active',
      'retire blue',
    ]);
  });

  it.each([
    [
      'prepare',
      [
        'preflight hook: ./pre.sh',
        'deploy 1.4.2 to green',
        'gate green before traffic',
        'before-traffic hook: ./migrate.sh',
      ],
    ],
    [
      'switch',
      ['gate green before traffic', 'route 100% to green', 'after-traffic hook: ./smoke.sh', 'make green active'],
    ],
  ] as const)('puts the hooks of blue-green phase %s in its plan', (phase, names) => {
    const hooks = '        hooks: { preflight: ./pre.sh, before-traffic: ./migrate.sh, after-traffic: ./smoke.sh }';
    const settings = resolveDeploySettings(
      config('{ url: "http://{address}/" }', hooks),
      { ...inputs, strategy: 'blue-green', phase },
      FILE,
    );
    const prepared = {
      ...EMPTY_STATE,
      activeSlot: 'blue' as const,
      activeVersion: '1',
      slots: { blue: { version: '1', up: true }, green: { version: '1.4.2', up: phase === 'switch' } },
    };
    expect(planDeploy(settings, prepared).steps.map((step) => step.name)).toEqual(names);
  });

  it('reads a command metric timeout, and refuses one on a Prometheus metric', () => {
    const metric = (extra: string) =>
      `        analysis: { prometheus-url: "http://p:9090", metrics: [ { name: m, max: 1, ${extra} } ] }`;
    // health.duration: a gate watches, so the metric is measured (recovery's config refusals, issue #10 item 7).
    const settings = settingsOf(
      '{ url: "http://{address}/", duration: 1m }',
      metric('provider: command, command: ./m.sh, timeout: 5s'),
    );
    expect(settings.analysis?.metrics[0]?.timeoutMs).toBe(5_000);
    expect(() => config('{ url: "http://{address}/" }', metric('query: up, timeout: 5s'))).toThrow(
      /analysis\.metrics\[0\]\.timeout'.*no timeout unless provider is command/,
    );
  });
});
