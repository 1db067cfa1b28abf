import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/deploy/config.js';
import { resolveDeploySettings } from '../../../src/deploy/settings.js';

const FILE = '.github/shipgate.yml';
const inputs = {
  service: 'api',
  environment: 'production',
  version: '1.4.2',
  phase: 'full',
  rollbackOnError: true,
  dryRun: false,
} as const;

/** An environment block of a config, indented under services.api.environments.production. */
const resolve = (environment: string) =>
  resolveDeploySettings(
    parseConfig(`version: 1\nservices:\n  api:\n    environments:\n      production:\n${environment}`, FILE),
    inputs,
    FILE,
  );

const SLOTS = `        target: { kind: command, deploy: ./start.sh, slots: { blue: ["127.0.0.1:8081"], green: ["127.0.0.1:8082"] } }
        router: { kind: command, route: ./route.sh }
`;
const ANALYSIS = `        analysis:
          prometheus-url: http://127.0.0.1:9090
          metrics: [ { name: errors, query: 'sum(rate(x[1m]))', max: 0.01 } ]
`;
const key = (path: string) =>
  new RegExp(`^\\.github/shipgate\\.yml: key 'services\\.api\\.environments\\.production\\.${path}'`);

describe('config refusals before anything runs (issue #10, item 7)', () => {
  it('refuses analysis that no blue-green step measures (no health.duration)', () => {
    const config = `        strategy: blue-green\n${SLOTS}        health: { url: "http://{address}/health" }\n${ANALYSIS}`;
    expect(() => resolve(config)).toThrow(key('health\\.duration'));
    expect(() => resolve(config)).toThrow(/no step measures them \(blue-green measures them only while/);
    expect(() => resolve(config.replace('/health" }', '/health", duration: 1m }'))).not.toThrow();
  });

  it('refuses analysis on a canary whose steps never pause', () => {
    const config = `        strategy: canary\n${SLOTS}        health: { url: "http://{address}/health" }\n        canary: { steps: [ { weight: 10 } ] }\n${ANALYSIS}`;
    expect(() => resolve(config)).toThrow(key('health\\.duration'));
    expect(() => resolve(config.replace('weight: 10 }', 'weight: 10, pause: 1m }'))).not.toThrow();
  });

  it.each([
    [
      'batch: 100%',
      '["127.0.0.1:1", "127.0.0.1:2"]',
      'rolling\\.batch',
      "is '100%'; expected a batch smaller than the 2 instances",
    ],
    ['batch: 2', '["127.0.0.1:1", "127.0.0.1:2"]', 'rolling\\.batch', "is '2'; expected a batch smaller"],
    ['batch: 1', '["127.0.0.1:1"]', 'target\\.instances', 'expected at least 2 instances with a router'],
  ])('refuses rolling with a router and %s over %s (every drain would fail)', (batch, instances, path, expected) => {
    const config = `        strategy: rolling
        target: { kind: command, deploy: ./start.sh, instances: ${instances} }
        router: { kind: command, route: ./route.sh }
        health: { url: "http://{address}/health" }
        rolling: { ${batch} }
`;
    expect(() => resolve(config)).toThrow(key(path));
    expect(() => resolve(config)).toThrow(new RegExp(expected));
    expect(() => resolve(config.replace('kind: command, route: ./route.sh', 'kind: none'))).not.toThrow();
  });

  it('refuses a health URL with a placeholder that does not exist ({adress})', () => {
    const config = `        strategy: blue-green\n${SLOTS}        health: { url: "http://{adress}/health" }\n`;
    expect(() => resolve(config)).toThrow(key('health\\.url'));
    expect(() => resolve(config)).toThrow(/\{adress\} is not a placeholder/);
  });

  it.each(['127.0.0.1:0', '127.0.0.1:99999'])('refuses the address %s (a port from 1 to 65535)', (address) => {
    const config = `        strategy: blue-green
        target: { kind: command, deploy: ./start.sh, slots: { blue: ["${address}"], green: ["127.0.0.1:8082"] } }
        router: { kind: command, route: ./route.sh }
        health: { url: "http://{address}/health" }
`;
    expect(() => resolve(config)).toThrow(key('target\\.slots\\.blue\\[0\\]'));
    expect(() => resolve(config)).toThrow(/with a port from 1 to 65535/);
  });

  it('refuses an expect-text regular expression that does not compile', () => {
    const config = `        strategy: blue-green\n${SLOTS}        health: { url: "http://{address}/health", expect-text: "/(unclosed/" }\n`;
    expect(() => resolve(config)).toThrow(key('health\\.expect-text'));
    expect(() => resolve(config)).toThrow(/a \/regular expression\/ that compiles/);
  });
});
