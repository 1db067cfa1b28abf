#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock.js';
import { ShipgateError } from '../core/errors.js';
import type { RunContext } from '../core/run-context.js';
import { runDeploy } from '../deploy/deploy.js';
import {
  DEPLOY_INPUT_NAMES,
  parseDeployInputs,
  parseRollbackInputs,
  ROLLBACK_INPUT_NAMES,
} from '../deploy/deploy-inputs.js';
import { runRollback } from '../deploy/rollback.js';
import { resolveDeploySettings } from '../deploy/settings.js';
import { renderDeploySummary } from '../deploy/summary.js';
import { createCliRuntime } from '../runtime/cli-runtime.js';
import { buildDeployPorts, createStateStore, loadConfig } from '../runtime/deploy-ports.js';
import { onCancel } from '../runtime/signals.js';
import { createFileStateStore } from '../state/file-store.js';
import { observeTarget, renderStatus } from './status.js';

const USAGE = `usage:
  shipgate deploy --environment ENV --version VERSION [--service NAME] [--strategy rolling|blue-green|canary]
                  [--phase prepare|switch|finalize|cancel|full] [--config FILE] [--rollback-on-error true|false]
                  [--dry-run] [--force] [--state file|github|auto] [--state-file FILE]
  shipgate rollback --environment ENV [--service NAME] [--to-version VERSION] [--reason TEXT] [--config FILE]
                  [--state file|github|auto] [--state-file FILE]
  shipgate status --environment ENV [--service NAME] [--config FILE] [--state-file FILE]

The same engine as the GitHub actions, for the runbooks' manual deploy in an emergency. Flags are the
actions' inputs; defaults are the same (config .github/shipgate.yml, state .shipgate/state.json). The github
state store reads GITHUB_TOKEN and GITHUB_REPOSITORY (and GITHUB_SHA, the commit deployed) from the environment.`;

const runtime = createCliRuntime();
/** The github store from a terminal: whose deployments (GITHUB_REPOSITORY) and which commit (GITHUB_SHA). */
function withGitHubContext(context: RunContext): RunContext {
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    ...context,
    ...(owner && repo ? { repository: { owner, repo } } : {}),
    ...(process.env.GITHUB_SHA ? { sha: process.env.GITHUB_SHA } : {}),
  };
}
try {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: Object.fromEntries(
      [...new Set([...DEPLOY_INPUT_NAMES, ...ROLLBACK_INPUT_NAMES])]
        .filter((name) => name !== 'github-token')
        .map((name) => [
          name,
          { type: name === 'dry-run' || name === 'force' ? ('boolean' as const) : ('string' as const) },
        ]),
    ),
    strict: true,
  });
  const raw: Record<string, string | undefined> = {
    ...Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value]),
    ),
    // The github store's token comes from the environment, never a flag (flags end up in shell history).
    ...(process.env.GITHUB_TOKEN ? { 'github-token': process.env.GITHUB_TOKEN } : {}),
  };
  if (raw['github-token']) runtime.logger.mask(raw['github-token']);
  switch (command) {
    case 'deploy': {
      const context = withGitHubContext(runtime.context);
      const parsed = parseDeployInputs(raw, context);
      const { config } = loadConfig(parsed.configPath, runtime.context.workspace, 'deploy');
      const settings = resolveDeploySettings(config, parsed.inputs, parsed.configPath);
      const store = await createStateStore({ ...parsed, context, logger: runtime.logger });
      const ports = buildDeployPorts(settings, { store, context, logger: runtime.logger, signal: onCancel() });
      const outcome = await runDeploy(settings, ports);
      runtime.print(await renderDeploySummary(outcome.report, outcome.plan));
      if (outcome.result === 'rolled-back' || outcome.result === 'failed') {
        runtime.fail(
          new ShipgateError('deploy-failed', `deploy ${outcome.result}: ${outcome.report.failureReason ?? ''}`),
        );
      }
      break;
    }
    case 'rollback': {
      const context = withGitHubContext(runtime.context);
      const parsed = parseRollbackInputs(raw, context);
      const { config } = loadConfig(parsed.configPath, runtime.context.workspace, 'rollback');
      const inputs = {
        service: parsed.service,
        environment: parsed.environment,
        phase: 'full',
        rollbackOnError: true,
        dryRun: false,
      } as const;
      const settings = resolveDeploySettings(
        config,
        { ...inputs, version: parsed.toVersion ?? '-' },
        parsed.configPath,
      );
      const store = await createStateStore({ ...parsed, context, logger: runtime.logger });
      const ports = buildDeployPorts(settings, { store, context, logger: runtime.logger, signal: onCancel() });
      const outcome = await runRollback(
        {
          service: parsed.service,
          environment: parsed.environment,
          ...(parsed.toVersion ? { toVersion: parsed.toVersion } : {}),
          ...(parsed.reason ? { reason: parsed.reason } : {}),
        },
        (version) => resolveDeploySettings(config, { ...inputs, version }, parsed.configPath),
        ports,
      );
      runtime.print(
        outcome.report
          ? await renderDeploySummary(outcome.report, outcome.plan)
          : `rollback: ${outcome.toVersion} is already active; nothing to do\n`,
      );
      if (outcome.result === 'failed')
        runtime.fail(new ShipgateError('rollback-failed', `rollback failed: ${outcome.failureReason ?? ''}`));
      break;
    }
    case 'status': {
      const parsed = parseDeployInputs({ ...raw, version: raw.version ?? '-' }, runtime.context);
      const store = createFileStateStore({
        path: parsed.stateFile,
        cwd: runtime.context.workspace,
        clock: systemClock,
        logger: runtime.logger,
      });
      const state = await store.read({ service: parsed.inputs.service, environment: parsed.inputs.environment });
      const observation = await observeTarget({
        configPath: parsed.configPath,
        workspace: runtime.context.workspace,
        inputs: parsed.inputs,
        state,
        logger: runtime.logger,
      });
      runtime.print(renderStatus(parsed.inputs.service, parsed.inputs.environment, state, observation));
      break;
    }
    case undefined:
    case 'help':
    case '--help':
      runtime.print(`${USAGE}\n`);
      break;
    default:
      throw new ShipgateError(
        'invalid-input',
        `shipgate: unknown command '${command}'; expected deploy, rollback or status\n${USAGE}`,
      );
  }
} catch (error) {
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    runtime.fail(new ShipgateError('invalid-input', `${error.message}; see 'shipgate help'`));
  } else {
    runtime.fail(error);
  }
}
