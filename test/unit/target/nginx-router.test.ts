import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNginxRouter, nginxReason, renderUpstream, serverWeights } from '../../../src/target/nginx-router.js';
import type { HookValues, Route } from '../../../src/target/ports.js';
import { RouterError } from '../../../src/target/ports.js';
import type { Script } from './scripted-runner.js';
import { memoryLogger, scriptedRunner } from './scripted-runner.js';

const BLUE = ['127.0.0.1:8081'];
const GREEN = ['127.0.0.1:8082'];
const route = (...groups: Array<[string, readonly string[], number]>): Route => ({
  groups: groups.map(([name, addresses, weight]) => ({ name, addresses, weight })),
});
/** The server lines of a rendered upstream, without comments: `127.0.0.1:8081 weight=9`. */
const servers = (text: string): string[] =>
  [...text.matchAll(/^ {4}server (\S+ weight=\d+);/gm)].map((match) => match[1] ?? '');

describe('renderUpstream', () => {
  it.each<[string, Route, string[]]>([
    [
      '100/0 sends everything to blue and leaves green out',
      route(['blue', BLUE, 100], ['green', GREEN, 0]),
      ['127.0.0.1:8081 weight=1'],
    ],
    ['0/100 sends everything to green', route(['blue', BLUE, 0], ['green', GREEN, 100]), ['127.0.0.1:8082 weight=1']],
    [
      '90/10 with one address per slot',
      route(['blue', BLUE, 90], ['green', GREEN, 10]),
      ['127.0.0.1:8081 weight=9', '127.0.0.1:8082 weight=1'],
    ],
    [
      '50/50 with one address per slot',
      route(['blue', BLUE, 50], ['green', GREEN, 50]),
      ['127.0.0.1:8081 weight=1', '127.0.0.1:8082 weight=1'],
    ],
    [
      '90/10 with two addresses per slot',
      route(['blue', ['10.0.0.1:80', '10.0.0.2:80'], 90], ['green', ['10.0.0.3:80', '10.0.0.4:80'], 10]),
      ['10.0.0.1:80 weight=9', '10.0.0.2:80 weight=9', '10.0.0.3:80 weight=1', '10.0.0.4:80 weight=1'],
    ],
    [
      '90/10 with one blue address and two green ones (green servers get 5% each)',
      route(['blue', ['10.0.0.1:80'], 90], ['green', ['10.0.0.3:80', '10.0.0.4:80'], 10]),
      ['10.0.0.1:80 weight=18', '10.0.0.3:80 weight=1', '10.0.0.4:80 weight=1'],
    ],
    [
      '75/25 with two blue addresses and one green one',
      route(['blue', ['10.0.0.1:80', '10.0.0.2:80'], 75], ['green', ['10.0.0.3:80'], 25]),
      ['10.0.0.1:80 weight=3', '10.0.0.2:80 weight=3', '10.0.0.3:80 weight=2'],
    ],
    [
      '100/0 with two addresses per slot',
      route(['blue', ['10.0.0.1:80', '10.0.0.2:80'], 100], ['green', ['10.0.0.3:80', '10.0.0.4:80'], 0]),
      ['10.0.0.1:80 weight=1', '10.0.0.2:80 weight=1'],
    ],
    [
      'rolling: four instances, the drained one left out',
      route(
        ['10.0.0.11:8080', ['10.0.0.11:8080'], 0],
        ['10.0.0.12:8080', ['10.0.0.12:8080'], 34],
        ['10.0.0.13:8080', ['10.0.0.13:8080'], 33],
        ['10.0.0.14:8080', ['10.0.0.14:8080'], 33],
      ),
      ['10.0.0.12:8080 weight=34', '10.0.0.13:8080 weight=33', '10.0.0.14:8080 weight=33'],
    ],
    [
      'rolling: four instances in rotation',
      route(
        ['a', ['10.0.0.11:8080'], 25],
        ['b', ['10.0.0.12:8080'], 25],
        ['c', ['10.0.0.13:8080'], 25],
        ['d', ['10.0.0.14:8080'], 25],
      ),
      ['10.0.0.11:8080 weight=1', '10.0.0.12:8080 weight=1', '10.0.0.13:8080 weight=1', '10.0.0.14:8080 weight=1'],
    ],
    [
      'IPv6 and unix socket addresses',
      route(['blue', ['[::1]:8081'], 50], ['green', ['unix:/run/app.sock'], 50]),
      ['[::1]:8081 weight=1', 'unix:/run/app.sock weight=1'],
    ],
  ])('%s', (_, given, expected) => {
    expect(servers(renderUpstream('api', given))).toEqual(expected);
  });

  it('writes the whole block with a header saying shipgate manages it and which route it holds', () => {
    expect(
      renderUpstream('api', route(['blue', BLUE, 90], ['green', GREEN, 10]), 'api/production 2.0.0 (canary, full)'),
    ).toBe(
      [
        '# Managed by shipgate: every route change rewrites this file; edits here are lost.',
        '# route: blue=90 green=10',
        '# api/production 2.0.0 (canary, full)',
        'upstream api {',
        '    server 127.0.0.1:8081 weight=9;  # blue',
        '    server 127.0.0.1:8082 weight=1;  # green',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps a header with newlines on its comment line, so a version cannot add nginx directives', () => {
    const text = renderUpstream('api', route(['blue', BLUE, 100]), 'api/prod 1.0\n}\nserver evil:80;\n#');
    expect(text.split('\n').filter((line) => !line.startsWith('#'))).toEqual([
      'upstream api {',
      '    server 127.0.0.1:8081 weight=1;  # blue',
      '}',
      '',
    ]);
  });

  it('merges an address that appears in two groups into one server with the sum of their weights', () => {
    expect(
      servers(
        renderUpstream('api', route(['blue', ['10.0.0.1:80', '10.0.0.2:80'], 50], ['green', ['10.0.0.2:80'], 50])),
      ),
    ).toEqual(['10.0.0.1:80 weight=1', '10.0.0.2:80 weight=3']);
  });

  it.each<[string, string, Route, RegExp]>([
    [
      '0/0',
      'api',
      route(['blue', BLUE, 0], ['green', GREEN, 0]),
      /route 'blue=0 green=0' sends traffic nowhere.*refusing to write an empty upstream/,
    ],
    ['no groups at all', 'api', route(), /route '' sends traffic nowhere/],
    [
      'a weighted group without addresses',
      'api',
      route(['blue', [], 100]),
      /group 'blue' has weight 100 but no addresses/,
    ],
    [
      'a negative weight',
      'api',
      route(['blue', BLUE, -10], ['green', GREEN, 110]),
      /group 'blue' has weight -10; expected a number from 0 to 100/,
    ],
    [
      'an address that would end the directive',
      'api',
      route(['blue', ['127.0.0.1:8081; include /etc/passwd'], 100]),
      /address '127\.0\.0\.1:8081; include \/etc\/passwd' of group 'blue' is not an nginx server address/,
    ],
    ['an address with a brace', 'api', route(['blue', ['a}'], 100]), /address 'a}'/],
    [
      'an upstream name with a space',
      'api backend',
      route(['blue', BLUE, 100]),
      /upstream name 'api backend' is not an nginx upstream name/,
    ],
  ])('refuses %s with a RouterError', (_, name, given, message) => {
    expect(() => renderUpstream(name, given)).toThrow(RouterError);
    expect(() => renderUpstream(name, given)).toThrow(message);
  });
});

describe('serverWeights', () => {
  it.each<[string, Array<[number, number]>, number[]]>([
    [
      '90/10, 1+1',
      [
        [90, 1],
        [10, 1],
      ],
      [9, 1],
    ],
    [
      '10/90, 1+1',
      [
        [10, 1],
        [90, 1],
      ],
      [1, 9],
    ],
    [
      '99/1, 3+4 (396 of 400 = 99%)',
      [
        [99, 3],
        [1, 4],
      ],
      [132, 1],
    ],
    [
      '97/3, 4+3',
      [
        [97, 4],
        [3, 3],
      ],
      [291, 12].map((w) => w / 3),
    ],
    [
      '33/67, 2+3',
      [
        [33, 2],
        [67, 3],
      ],
      [99, 134],
    ],
    [
      '0/100',
      [
        [0, 2],
        [100, 2],
      ],
      [0, 1],
    ],
    [
      'fractional weights fall back to rounding',
      [
        [33.3, 1],
        [66.7, 1],
      ],
      [499, 1000],
    ],
  ])('%s', (_, groups, expected) => {
    expect(serverWeights(groups.map(([weight, size]) => ({ weight, size })))).toEqual(expected);
  });

  it('is exact for whole percentages over slots of one to four addresses', () => {
    for (let blueSize = 1; blueSize <= 4; blueSize += 1) {
      for (let greenSize = 1; greenSize <= 4; greenSize += 1) {
        for (let green = 1; green < 100; green += 1) {
          const [b = 0, g = 0] = serverWeights([
            { weight: 100 - green, size: blueSize },
            { weight: green, size: greenSize },
          ]);
          const share = (g * greenSize) / (b * blueSize + g * greenSize);
          expect(share * 100).toBeCloseTo(green, 9);
        }
      }
    }
  });

  it('keeps every share within 0.1 percentage points when the exact weights would exceed the cap', () => {
    // 7 × 9 × 11 × 13 addresses: exact weights would run into the tens of thousands.
    const groups = [
      { weight: 40, size: 7 },
      { weight: 30, size: 9 },
      { weight: 20, size: 11 },
      { weight: 10, size: 13 },
    ];
    const weights = serverWeights(groups);
    expect(Math.max(...weights)).toBeLessThanOrEqual(1000);
    const total = groups.reduce((sum, group, i) => sum + group.size * (weights[i] ?? 0), 0);
    for (const [i, group] of groups.entries()) {
      expect(Math.abs((group.size * (weights[i] ?? 0) * 100) / total - group.weight)).toBeLessThan(0.1);
    }
  });
});

describe('nginxReason', () => {
  it("picks nginx's [emerg] line over the closing 'test failed' line", () => {
    const stderr = [
      '2026/11/22 02:41:39 [emerg] 19457#19457: invalid port in upstream "127.0.0.1:99999" in /etc/nginx/conf.d/api.conf:5',
      'nginx: configuration file /etc/nginx/nginx.conf test failed',
      '',
    ].join('\n');
    expect(nginxReason({ stdout: '', stderr })).toBe(
      '2026/11/22 02:41:39 [emerg] 19457#19457: invalid port in upstream "127.0.0.1:99999" in /etc/nginx/conf.d/api.conf:5',
    );
  });

  it('falls back to the last stderr line of another command', () => {
    expect(nginxReason({ stdout: 'checking\n', stderr: 'first\nsystemctl: unit nginx not found\n' })).toBe(
      'systemctl: unit nginx not found',
    );
  });
});

describe('createNginxRouter', () => {
  let dir: string;
  let file: string;
  const values: HookValues = {
    service: 'api',
    environment: 'production',
    version: '2.0.0',
    strategy: 'canary',
    phase: 'full',
  };
  const OLD = '# hand-written, with odd spacing\nupstream api {  server 127.0.0.1:8081;  }\n';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-nginx-unit-'));
    file = join(dir, 'api-upstream.conf');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function router(scripts: Record<string, Script | Script[]>, test: string | null = 'nginx -t') {
    const runner = scriptedRunner(scripts);
    const logger = memoryLogger();
    const made = createNginxRouter({
      runner,
      upstreamFile: file,
      upstreamName: 'api',
      reload: 'nginx -s reload',
      ...(test !== null && { test }),
      timeoutMs: 10_000,
      logger,
      cwd: dir,
    });
    return { router: made, runner, logger };
  }

  it('writes the upstream, tests, reloads, and gives both hooks the SHIPGATE_* values and SHIPGATE_WEIGHTS', async () => {
    writeFileSync(file, OLD);
    const seen: string[] = [];
    const { router: made, runner } = router({
      'nginx -t': {
        effect: () => seen.push(`test saw ${readFileSync(file, 'utf8').includes('weight=9') ? 'new' : 'old'} file`),
      },
      'nginx -s reload': {},
    });
    const result = await made.apply(route(['blue', BLUE, 90], ['green', GREEN, 10]), values);
    expect(seen).toEqual(['test saw new file']);
    expect(result.hooks.map((run) => [run.hook, run.exitCode])).toEqual([
      ['nginx test', 0],
      ['nginx reload', 0],
    ]);
    expect(runner.requests.map((request) => request.command)).toEqual(['nginx -t', 'nginx -s reload']);
    for (const request of runner.requests) {
      expect(request.cwd).toBe(dir);
      expect(request.env).toEqual({
        SHIPGATE_SERVICE: 'api',
        SHIPGATE_ENVIRONMENT: 'production',
        SHIPGATE_VERSION: '2.0.0',
        SHIPGATE_PREVIOUS_VERSION: '',
        SHIPGATE_STRATEGY: 'canary',
        SHIPGATE_PHASE: 'full',
        SHIPGATE_WEIGHTS: 'blue=90 green=10',
      });
    }
    expect(servers(readFileSync(file, 'utf8'))).toEqual(['127.0.0.1:8081 weight=9', '127.0.0.1:8082 weight=1']);
    expect(readdirSync(dir)).toEqual(['api-upstream.conf']);
  });

  it('shows the test and reload output in a log group when given one, and at debug level otherwise', async () => {
    const scripts = {
      'nginx -t': { stderr: 'nginx: configuration file /etc/nginx/nginx.conf test is successful\n' },
      'nginx -s reload': {},
    };
    const runner = scriptedRunner(scripts);
    const logger = memoryLogger();
    const grouped = createNginxRouter({
      runner,
      upstreamFile: file,
      upstreamName: 'api',
      reload: 'nginx -s reload',
      test: 'nginx -t',
      timeoutMs: 10_000,
      logger,
      cwd: dir,
      group: async (title, body) => {
        logger.lines.push(`group: ${title}`);
        try {
          return await body();
        } finally {
          logger.lines.push('endgroup');
        }
      },
    });
    await grouped.apply(route(['blue', BLUE, 90], ['green', GREEN, 10]), values);
    expect(logger.lines).toEqual([
      'group: nginx route: blue=90 green=10',
      'info: nginx: configuration file /etc/nginx/nginx.conf test is successful',
      `info: nginx: routed blue=90 green=10 (${file}, upstream api; reloaded)`,
      'endgroup',
    ]);
    const { router: plain, logger: plainLogger } = router(scripts);
    await plain.apply(route(['blue', BLUE, 100]), values);
    expect(plainLogger.lines[0]).toBe(
      'debug: nginx test: nginx: configuration file /etc/nginx/nginx.conf test is successful',
    );
  });

  it('keeps the mode of the file it replaces', async () => {
    writeFileSync(file, OLD);
    chmodSync(file, 0o640);
    const { router: made } = router({ 'nginx -t': {}, 'nginx -s reload': {} });
    await made.apply(route(['blue', BLUE, 100]), values);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('restores the previous file byte for byte and does not reload when the test fails', async () => {
    writeFileSync(file, OLD);
    const { router: made, runner } = router({
      'nginx -t': {
        exitCode: 1,
        stderr: '[emerg] host not found in upstream "green.internal:80"\nnginx: configuration file test failed\n',
      },
      'nginx -s reload': {},
    });
    const error = await made
      .apply(route(['blue', BLUE, 0], ['green', ['green.internal:80'], 100]), values)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterError);
    expect((error as RouterError).message).toBe(
      `nginx router: test of route blue=0 green=100 to ${file} failed: \`nginx -t\` exited with code 1: [emerg] host not found in upstream "green.internal:80"; restored the previous ${file}, nothing was reloaded`,
    );
    expect((error as RouterError).hooks.map((run) => run.hook)).toEqual(['nginx test']);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(runner.requests.map((request) => request.command)).toEqual(['nginx -t']);
    expect(readdirSync(dir)).toEqual(['api-upstream.conf']);
  });

  it('removes the file it created when the test fails and there was none before', async () => {
    const { router: made } = router({ 'nginx -t': { exitCode: 1, stderr: 'nope\n' }, 'nginx -s reload': {} });
    await expect(made.apply(route(['blue', BLUE, 100]), values)).rejects.toThrow(
      /removed .* \(there was none before\), nothing was reloaded/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('restores the previous file and reloads it again when the reload fails', async () => {
    writeFileSync(file, OLD);
    const contentsAtReload: string[] = [];
    const { router: made } = router({
      'nginx -t': {},
      'nginx -s reload': [
        {
          exitCode: 1,
          stderr: 'nginx: [error] invalid PID number "" in "/run/nginx.pid"\n',
          effect: () => contentsAtReload.push(readFileSync(file, 'utf8')),
        },
        { effect: () => contentsAtReload.push(readFileSync(file, 'utf8')) },
      ],
    });
    const error = (await made
      .apply(route(['blue', BLUE, 0], ['green', GREEN, 100]), values)
      .catch((e: unknown) => e)) as RouterError;
    expect(error).toBeInstanceOf(RouterError);
    expect(error.message).toMatch(
      /reload after writing route blue=0 green=100 .* failed: `nginx -s reload` exited with code 1: nginx: \[error\] invalid PID number/,
    );
    expect(error.message).toMatch(/restored the previous .* and reloaded it$/);
    expect(error.hooks.map((run) => [run.hook, run.exitCode])).toEqual([
      ['nginx test', 0],
      ['nginx reload', 1],
      ['nginx reload (restore)', 0],
    ]);
    expect(contentsAtReload[0]).toContain('127.0.0.1:8082 weight=1');
    expect(contentsAtReload[1]).toBe(OLD);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
  });

  it('gives the restoring reload the weights of the route it puts back', async () => {
    writeFileSync(file, renderUpstream('api', route(['blue', BLUE, 100], ['green', GREEN, 0])));
    const { router: made, runner } = router({ 'nginx -t': {}, 'nginx -s reload': [{ exitCode: 1 }, {}] });
    await expect(made.apply(route(['blue', BLUE, 0], ['green', GREEN, 100]), values)).rejects.toThrow(RouterError);
    expect(runner.requests.map((request) => request.env.SHIPGATE_WEIGHTS)).toEqual([
      'blue=0 green=100',
      'blue=0 green=100',
      'blue=100 green=0',
    ]);
  });

  it('replaces the target of a symlinked upstream file and keeps the link', async () => {
    mkdirSync(join(dir, 'available'));
    const real = join(dir, 'available', 'api.conf');
    writeFileSync(real, OLD);
    symlinkSync(real, file);
    const { router: made } = router({ 'nginx -t': {}, 'nginx -s reload': {} });
    await made.apply(route(['blue', BLUE, 100]), values);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(servers(readFileSync(real, 'utf8'))).toEqual(['127.0.0.1:8081 weight=1']);
  });

  it('says so when reloading the restored file fails too', async () => {
    writeFileSync(file, OLD);
    const { router: made } = router({
      'nginx -t': {},
      'nginx -s reload': { exitCode: 1, stderr: 'nginx is not running\n' },
    });
    await expect(made.apply(route(['blue', BLUE, 100]), values)).rejects.toThrow(
      /restored the previous .*, but reloading it failed too \(`nginx -s reload` exited with code 1: nginx is not running\): check that nginx runs the routing the file shows/,
    );
    expect(readFileSync(file, 'utf8')).toBe(OLD);
  });

  it('reloads without testing when no test command is configured', async () => {
    const { router: made, runner } = router({ 'nginx -s reload': {} }, null);
    await made.apply(route(['blue', BLUE, 100]), values);
    expect(runner.requests.map((request) => request.command)).toEqual(['nginx -s reload']);
  });

  it('reports a test that timed out with its limit', async () => {
    writeFileSync(file, OLD);
    const { router: made } = router({ 'nginx -t': { exitCode: null, timedOut: true }, 'nginx -s reload': {} });
    await expect(made.apply(route(['blue', BLUE, 100]), values)).rejects.toThrow(
      /`nginx -t` timed out after 10s; restored the previous/,
    );
    expect(readFileSync(file, 'utf8')).toBe(OLD);
  });

  it('changes nothing and runs nothing for a route that sends traffic nowhere', async () => {
    writeFileSync(file, OLD);
    const { router: made, runner } = router({ 'nginx -t': {}, 'nginx -s reload': {} });
    await expect(made.apply(route(['blue', BLUE, 0], ['green', GREEN, 0]), values)).rejects.toThrow(
      /sends traffic nowhere/,
    );
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(runner.requests).toEqual([]);
  });

  it('changes nothing when cancelled before it began', async () => {
    writeFileSync(file, OLD);
    const { router: made, runner } = router({ 'nginx -t': {}, 'nginx -s reload': {} });
    await expect(made.apply(route(['blue', BLUE, 100]), values, AbortSignal.abort())).rejects.toThrow(
      /was cancelled before it began; nothing changed/,
    );
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(runner.requests).toEqual([]);
  });

  it('names the file when it cannot be written, and changes nothing', async () => {
    const missing = join(dir, 'no-such-dir', 'api.conf');
    const made = createNginxRouter({
      runner: scriptedRunner({}),
      upstreamFile: missing,
      upstreamName: 'api',
      reload: 'nginx -s reload',
      timeoutMs: 1_000,
      logger: memoryLogger(),
      cwd: dir,
    });
    await expect(made.apply(route(['blue', BLUE, 100]), values)).rejects.toThrow(
      `nginx router: could not write ${missing}: `,
    );
  });

  it('runs one apply at a time, in the order they were asked for', async () => {
    let release: (() => void) | undefined;
    const order: string[] = [];
    const runner = scriptedRunner({ 'nginx -s reload': {} });
    const slowRunner = {
      run: async (request: Parameters<typeof runner.run>[0]) => {
        const weights = request.env.SHIPGATE_WEIGHTS ?? '';
        order.push(`start ${weights}`);
        if (weights === 'blue=90 green=10') await new Promise<void>((resolve) => (release = resolve));
        order.push(`end ${weights}`);
        return runner.run(request);
      },
    };
    const made = createNginxRouter({
      runner: slowRunner,
      upstreamFile: file,
      upstreamName: 'api',
      reload: 'nginx -s reload',
      timeoutMs: 1_000,
      logger: memoryLogger(),
      cwd: dir,
    });
    const first = made.apply(route(['blue', BLUE, 90], ['green', GREEN, 10]), values);
    const second = made.apply(route(['blue', BLUE, 100], ['green', GREEN, 0]), values);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['start blue=90 green=10']);
    release?.();
    await Promise.all([first, second]);
    expect(order).toEqual([
      'start blue=90 green=10',
      'end blue=90 green=10',
      'start blue=100 green=0',
      'end blue=100 green=0',
    ]);
    expect(servers(readFileSync(file, 'utf8'))).toEqual(['127.0.0.1:8081 weight=1']);
  });
});
