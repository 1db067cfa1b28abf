import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, type EnvironmentConfig, parseConfig } from '../../src/deploy/config.js';
import { type DeployInputs, resolveDeploySettings } from '../../src/deploy/settings.js';
import { planDeploy } from '../../src/deploy/strategies.js';
import { EMPTY_STATE, type EnvironmentState } from '../../src/state/ports.js';
import { repoRoot } from '../support/paths.js';

/**
 * The examples mirror the runbooks and the deploy guide describes the plans: both are documentation a
 * person copies from, so they are checked against the code here, without running any hook.
 */

const examplesDir = join(repoRoot, 'examples');
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, 'shipgate.yml')))
  .map((entry) => entry.name)
  .sort();

const environmentsOf = (config: Config): Array<[string, string, EnvironmentConfig]> =>
  Object.entries(config.services).flatMap(([service, { environments }]) =>
    Object.entries(environments).map(([environment, env]): [string, string, EnvironmentConfig] => [
      service,
      environment,
      env,
    ]),
  );

const inputs = (service: string, environment: string, extra: Partial<DeployInputs> = {}): DeployInputs => ({
  service,
  environment,
  version: '1.4.2',
  phase: 'full',
  rollbackOnError: true,
  dryRun: false,
  ...extra,
});

/** Every shell command an environment runs: hooks, the router's commands, command metrics. */
function commandsOf(env: EnvironmentConfig): string[] {
  const router = env.router;
  return [
    ...(env.target.kind === 'command' ? [env.target.deploy, env.target.retire] : []),
    ...(router?.kind === 'command' ? [router.route] : []),
    ...(router?.kind === 'nginx' ? [router.test, router.reload] : []),
    ...(env.analysis?.metrics ?? []).map((metric) => metric.command),
  ].filter((command): command is string => command !== undefined);
}

/** Hook scripts are referenced as ./deploy/<name>.sh: the example's <name>.sh, copied to deploy/ in a repository. */
const HOOK_PATH = /^(\.\/)?deploy\/[\w.-]+\.sh$/;

/** A script's code without its full-line comments (which may quote anything). */
const codeOf = (script: string): string =>
  script
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');

describe.each(examples)('examples/%s', (example) => {
  const dir = join(examplesDir, example);
  const file = join('examples', example, 'shipgate.yml');
  const config = parseConfig(readFileSync(join(dir, 'shipgate.yml'), 'utf8'), file);
  const scripts = readdirSync(dir).filter((name) => name.endsWith('.sh'));

  it('has a README', () => {
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
  });

  it.each(environmentsOf(config).map(([service, environment, env]) => ({ service, environment, env })))(
    'resolves $service/$environment for its strategy and plans a first and a second deploy',
    ({ service, environment }) => {
      const settings = resolveDeploySettings(config, inputs(service, environment), file);
      expect(planDeploy(settings, EMPTY_STATE).steps.length).toBeGreaterThan(0);
      const live: EnvironmentState = {
        ...EMPTY_STATE,
        activeVersion: '1.4.1',
        ...(settings.strategy === 'rolling'
          ? { instances: Object.fromEntries((settings.target.instances ?? []).map((instance) => [instance, '1.4.1'])) }
          : { activeSlot: 'blue', slots: { blue: { version: '1.4.1', up: true } } }),
      };
      expect(planDeploy(settings, live).steps.map((step) => step.kind)).toContain('deploy');
    },
  );

  it('references only hook scripts that it holds, as ./deploy/<name>.sh', () => {
    const referenced = environmentsOf(config).flatMap(([, , env]) =>
      commandsOf(env).flatMap((command) => command.split(/\s+/).filter((token) => token.endsWith('.sh'))),
    );
    // A swarm target runs no hooks: shipgate drives the docker CLI itself.
    const hookless = environmentsOf(config).every(([, , env]) => env.target.kind === 'swarm');
    expect(referenced.length > 0 || hookless).toBe(true);
    for (const path of referenced) {
      expect(path, `${file}: ${path}`).toMatch(HOOK_PATH);
      expect(scripts, `${file} runs ${path}`).toContain(basename(path));
    }
  });

  it.each(scripts)('%s is a POSIX sh script that passes sh -n', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(codeOf(text)).toMatch(/^set -eu$/m);
    expect(() => execFileSync('sh', ['-n', join(dir, name)], { stdio: 'pipe' })).not.toThrow();
  });

  it.each(scripts)('%s reads values only from SHIPGATE_* variables (no arguments, no eval)', (name) => {
    const code = codeOf(readFileSync(join(dir, name), 'utf8'));
    expect(code, 'positional arguments').not.toMatch(/\$[0-9@*#]|\$\{[0-9@*#]/);
    expect(code, 'eval').not.toMatch(/\beval\b/);
    const assigned = new Set([
      ...[...code.matchAll(/(?:^|[\s;(])(?:export\s+)?([A-Za-z_]\w*)=/g)].map((match) => match[1]),
      ...[...code.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)].map((match) => match[1]),
    ]);
    const read = [...code.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((match) => match[1] ?? '');
    const foreign = [
      ...new Set(read.filter((variable) => !variable.startsWith('SHIPGATE_') && !assigned.has(variable))),
    ];
    expect(foreign, 'variables neither SHIPGATE_* nor set by the script').toEqual([]);
  });
});

describe('docs/deploy.md', () => {
  const guide = readFileSync(join(repoRoot, 'docs', 'deploy.md'), 'utf8');

  /** The config the guide's plans are for: the yaml block after <!-- plan-config -->. */
  const configText = /<!-- plan-config -->\s*```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
  const config = parseConfig(configText ?? '', 'docs/deploy.md');

  const live: EnvironmentState = {
    ...EMPTY_STATE,
    activeSlot: 'blue',
    activeVersion: '1.4.1',
    slots: { blue: { version: '1.4.1', up: true } },
  };
  const prepared: EnvironmentState = {
    ...live,
    slots: { ...live.slots, green: { version: '1.4.2', up: true } },
    // The entry a prepare leaves: cancel retires only a slot the last deploy prepared.
    history: [
      {
        id: 'p',
        kind: 'deploy',
        version: '1.4.2',
        previousVersion: '1.4.1',
        strategy: 'blue-green',
        slot: 'green',
        result: 'succeeded',
        reason: null,
        startedAt: '2026-11-22T03:00:00.000Z',
        finishedAt: '2026-11-22T03:01:00.000Z',
        runUrl: null,
        rollbackOf: null,
      },
    ],
  };
  const switched: EnvironmentState = { ...prepared, activeSlot: 'green', activeVersion: '1.4.2' };
  const rollingLive: EnvironmentState = { ...EMPTY_STATE, activeVersion: '1.4.1' };

  /** Each `<!-- plan: NAME -->` of the guide: the deploy it shows, and the state it starts from. */
  const cases: Record<string, { readonly inputs: Partial<DeployInputs>; readonly state: EnvironmentState }> = {
    rolling: { inputs: { strategy: 'rolling' }, state: rollingLive },
    'blue-green': { inputs: { strategy: 'blue-green' }, state: live },
    'blue-green prepare': { inputs: { strategy: 'blue-green', phase: 'prepare' }, state: live },
    'blue-green switch': { inputs: { strategy: 'blue-green', phase: 'switch' }, state: prepared },
    'blue-green finalize': { inputs: { strategy: 'blue-green', phase: 'finalize' }, state: switched },
    'blue-green cancel': { inputs: { strategy: 'blue-green', phase: 'cancel' }, state: prepared },
    canary: { inputs: { strategy: 'canary' }, state: live },
    'first deploy': { inputs: { strategy: 'canary' }, state: EMPTY_STATE },
  };

  /** The first code span of each item of the numbered list that follows the marker. */
  const listed = (name: string): string[] => {
    const start = guide.indexOf(`<!-- plan: ${name} -->`);
    if (start === -1) return [];
    const lines = guide.slice(start).split('\n').slice(1);
    const items: string[] = [];
    for (const line of lines) {
      if (line.trim() === '' && items.length === 0) continue;
      const item = /^\d+\.\s+`([^`]+)`/.exec(line);
      if (item?.[1] !== undefined) items.push(item[1]);
      else if (/^\d+\./.test(line) || line.trim() === '' || !/^\s/.test(line)) break;
    }
    return items;
  };

  it('shows the plans of one example config', () => {
    expect(configText).toBeDefined();
    const markers = [...guide.matchAll(/<!-- plan: ([^>]+?) -->/g)].map((match) => match[1]);
    expect(markers.sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.keys(cases))('lists the steps planDeploy gives for "%s"', (name) => {
    const { inputs: extra, state } = cases[name]!;
    // The guide's analysis queries use {slot}, which a rolling deploy has no value for (and refuses).
    const environment = config.services.api!.environments.production!;
    const forStrategy =
      extra.strategy === 'rolling'
        ? { ...config, services: { api: { environments: { production: { ...environment, analysis: undefined } } } } }
        : config;
    const settings = resolveDeploySettings(forStrategy, inputs('api', 'production', extra), 'docs/deploy.md');
    expect(listed(name)).toEqual(planDeploy(settings, state).steps.map((step) => step.name));
  });
});
