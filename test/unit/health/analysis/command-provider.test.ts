import { describe, expect, it } from 'vitest';
import { createCommandProvider } from '../../../../src/health/analysis/command-provider.js';
import type { MeasureResult } from '../../../../src/health/analysis/metric-provider.js';
import { createHookRunner } from '../../../../src/runtime/hook-runner.js';

const runner = createHookRunner({ killGraceMs: 200 });
const placeholders = { service: 'api', environment: 'production', version: '1.4.2', slot: 'green' };

function measure(
  command: string,
  options: { query?: string; timeoutMs?: number; cwd?: string; version?: string } = {},
) {
  const provider = createCommandProvider({
    runner,
    timeoutMs: options.timeoutMs ?? 5_000,
    ...(options.cwd !== undefined && { cwd: options.cwd }),
  });
  return provider.measure(options.query ?? 'depth', undefined, {
    metric: 'queue-depth',
    command,
    placeholders: { ...placeholders, ...(options.version !== undefined && { version: options.version }) },
  });
}

describe('createCommandProvider', () => {
  it.each<[string, string, MeasureResult]>([
    ['a number', 'echo 42', { kind: 'value', value: 42, raw: '42' }],
    ['a number among blanks', 'printf "\\n  0.25 \\n\\n"', { kind: 'value', value: 0.25, raw: '0.25' }],
    ['NaN', 'echo NaN', { kind: 'value', value: Number.NaN, raw: 'NaN' }],
    ['nothing', 'true', { kind: 'no-data', raw: '' }],
    ['only blanks', 'printf "  \\n"', { kind: 'no-data', raw: '' }],
    ['a word', 'echo lots', { kind: 'error', reason: "command printed 'lots'; expected one number", raw: 'lots' }],
    [
      'two numbers',
      'echo 1; echo 2',
      { kind: 'error', reason: "command printed '1 2'; expected one number", raw: '1 2' },
    ],
    [
      'a failure',
      'echo 5; echo "connecting..." >&2; echo "queue not found: orders" >&2; exit 3',
      { kind: 'error', reason: 'command exited with code 3: queue not found: orders', raw: '5' },
    ],
    ['a failure without a word', 'exit 1', { kind: 'error', reason: 'command exited with code 1', raw: '' }],
  ])('reads %s as a measurement', async (_, command, expected) => {
    expect(await measure(command)).toEqual(expected);
  });

  it('gives the command the query, the metric and the placeholders in SHIPGATE_* variables, verbatim', async () => {
    const version = '1.4.2"; rm -rf / #$(id)';
    const command =
      'test "$SHIPGATE_QUERY" = "depth of api" && test "$SHIPGATE_METRIC" = queue-depth && test "$SHIPGATE_SLOT" = green && test "$SHIPGATE_VERSION" = "$EXPECTED" && echo 1';
    const provider = createCommandProvider({
      runner: {
        run: (request) => runner.run({ ...request, env: { ...request.env, EXPECTED: version } }),
      },
      timeoutMs: 5_000,
    });
    const result = await provider.measure('depth of api', undefined, {
      metric: 'queue-depth',
      command,
      placeholders: { ...placeholders, version },
    });
    expect(result).toEqual({ kind: 'value', value: 1, raw: '1' });
  });

  it('ends a command that runs past its timeout, as an Error', async () => {
    expect(await measure('sleep 30', { timeoutMs: 200 })).toEqual({
      kind: 'error',
      reason: 'command timed out after 200ms',
      raw: '',
    });
  });

  it('reports a command that cannot start as an Error', async () => {
    const result = await measure('echo 1', { cwd: '/nonexistent/shipgate' });
    expect(result.kind).toBe('error');
    expect(result.kind === 'error' && result.reason).toMatch(
      /^command could not start sh in \/nonexistent\/shipgate: /,
    );
  });

  it('reports a metric without a command as an Error', async () => {
    const provider = createCommandProvider({ runner, timeoutMs: 1_000 });
    expect(await provider.measure('q', undefined, { metric: 'm', placeholders })).toEqual({
      kind: 'error',
      reason: "metric 'm' has no command",
    });
  });
});

describe('createCommandProvider in a deploy step', () => {
  it("gives the command the step's SHIPGATE_ADDRESSES, with the placeholders winning over the step's values", async () => {
    const provider = createCommandProvider({ runner, timeoutMs: 5_000 });
    const result = await provider.measure('', undefined, {
      metric: 'p99',
      command: 'test "$SHIPGATE_ADDRESSES" = "10.0.0.1:80 10.0.0.2:80" && test "$SHIPGATE_VERSION" = 1.4.2 && echo 0.2',
      placeholders,
      env: { SHIPGATE_ADDRESSES: '10.0.0.1:80 10.0.0.2:80', SHIPGATE_VERSION: 'stale' },
    });
    expect(result).toEqual({ kind: 'value', value: 0.2, raw: '0.2' });
  });

  it("uses the metric's own timeout over the provider's default", async () => {
    const provider = createCommandProvider({ runner, timeoutMs: 30_000 });
    const result = await provider.measure('', undefined, {
      metric: 'p99',
      command: 'echo measuring >&2; sleep 20',
      placeholders,
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ kind: 'error', reason: 'command timed out after 300ms (last output: measuring)' });
  });
});
