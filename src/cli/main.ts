#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ShipgateError } from '../core/errors.js';
import { DEPLOY_INPUT_NAMES, parseDeployInputs } from '../deploy/deploy-inputs.js';
import { runDeploy } from '../deploy/deploy.js';
import { resolveDeploySettings } from '../deploy/settings.js';
import { renderDeploySummary } from '../deploy/summary.js';
import { createCliRuntime } from '../runtime/cli-runtime.js';
import { buildDeployPorts, loadConfig } from '../runtime/deploy-ports.js';
import { onCancel } from '../runtime/signals.js';
import { createFileStateStore } from '../state/file-store.js';
import { systemClock } from '../core/clock.js';
import { renderStatus } from './status.js';

const USAGE = `usage:
  shipgate deploy --environment ENV --version VERSION [--service NAME] [--strategy rolling|blue-green|canary]
                  [--phase prepare|switch|finalize|cancel|full] [--config FILE] [--rollback-on-error true|false]
                  [--dry-run] [--state-file FILE]
  shipgate status --environment ENV [--service NAME] [--config FILE] [--state-file FILE]

The same engine as the GitHub actions, for the runbooks' manual deploy in an emergency. Flags are the
actions' inputs; defaults are the same (config .github/shipgate.yml, state .shipgate/state.json).`;

const runtime = createCliRuntime();
try {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: Object.fromEntries(
      DEPLOY_INPUT_NAMES.filter((name) => name !== 'github-token').map((name) => [name, { type: name === 'dry-run' ? ('boolean' as const) : ('string' as const) }]),
    ),
    strict: true,
  });
  const raw: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value]),
  );
  switch (command) {
    case 'deploy': {
      const parsed = parseDeployInputs(raw, runtime.context);
      const { config } = loadConfig(parsed.configPath, runtime.context.workspace, 'deploy');
      const settings = resolveDeploySettings(config, parsed.inputs, parsed.configPath);
      const ports = buildDeployPorts(settings, { stateFile: parsed.stateFile, context: runtime.context, logger: runtime.logger, signal: onCancel() });
      const outcome = await runDeploy(settings, ports);
      runtime.print(renderDeploySummary(outcome.report, outcome.plan));
      if (outcome.result === 'rolled-back' || outcome.result === 'failed') {
        runtime.fail(new ShipgateError('deploy-failed', `deploy ${outcome.result}: ${outcome.report.failureReason ?? ''}`));
      }
      break;
    }
    case 'status': {
      const parsed = parseDeployInputs({ ...raw, version: raw.version ?? '-' }, runtime.context);
      const store = createFileStateStore({ path: parsed.stateFile, cwd: runtime.context.workspace, clock: systemClock, logger: runtime.logger });
      const state = await store.read({ service: parsed.inputs.service, environment: parsed.inputs.environment });
      runtime.print(renderStatus(parsed.inputs.service, parsed.inputs.environment, state));
      break;
    }
    case undefined:
    case 'help':
    case '--help':
      runtime.print(`${USAGE}\n`);
      break;
    default:
      throw new ShipgateError('invalid-input', `shipgate: unknown command '${command}'; expected deploy or status\n${USAGE}`);
  }
} catch (error) {
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    runtime.fail(new ShipgateError('invalid-input', `${error.message}; see 'shipgate help'`));
  } else {
    runtime.fail(error);
  }
}
