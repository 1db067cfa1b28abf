import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema, parseConfig } from '../../../src/deploy/config.js';
import { repoRoot } from '../../support/paths.js';

const file = join(repoRoot, 'schema', 'shipgate.schema.json');

/** The JSON Schema of .github/shipgate.yml, generated from the zod schema (as written, before transforms). */
function generate(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://shipgate.dev/schema/shipgate.schema.json', title: 'shipgate config (.github/shipgate.yml)' }, null, 2)}\n`;
}

describe('schema/shipgate.schema.json', () => {
  it('is generated from the config schema (SHIPGATE_WRITE_SCHEMA=1 npm run schema rewrites it)', () => {
    const text = generate();
    if (process.env.SHIPGATE_WRITE_SCHEMA === '1') writeFileSync(file, text);
    expect(existsSync(file), 'run: npm run schema').toBe(true);
    expect(readFileSync(file, 'utf8'), 'schema/shipgate.schema.json is stale: run npm run schema').toBe(text);
  });

  it('accepts the example in SPEC §4', () => {
    const config = parseConfig(
      `version: 1
services:
  api:
    environments:
      production:
        strategy: canary
        target:
          kind: command
          deploy: ./deploy/start.sh
          retire: ./deploy/stop.sh
          timeout: 10m
          slots:
            blue:  ["127.0.0.1:8081"]
            green: ["127.0.0.1:8082"]
          instances: ["10.0.0.11:8080", "10.0.0.12:8080"]
        router:
          kind: nginx
          upstream-file: /etc/nginx/conf.d/api-upstream.conf
          upstream-name: api
          reload: nginx -s reload
          test: nginx -t
        health:
          url: http://{address}/actuator/health
          expect-json: { status: UP }
          interval: 2s
          timeout: 2s
          success-threshold: 2
          failure-threshold: 3
          deadline: 3m
        analysis:
          prometheus-url: http://127.0.0.1:9090
          metrics:
            - name: error-rate
              query: sum(rate(http_requests_total{slot="{slot}",code=~"5.."}[1m])) / sum(rate(http_requests_total{slot="{slot}"}[1m]))
              max: 0.01
        canary:  { steps: [ { weight: 10, pause: 1m }, { weight: 50, pause: 1m } ] }
        blue-green: { scale-down-delay: 30s }
        rolling: { batch: 1, pause: 10s, drain: 1s }
        incident: { labels: [api], assignees: [], language: ko }
`,
      '.github/shipgate.yml',
    );
    expect(config.services.api?.environments.production?.canary?.steps).toEqual([
      { weight: 10, pause: 60_000 },
      { weight: 50, pause: 60_000 },
    ]);
  });
});
