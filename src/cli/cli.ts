import { parseArgs } from 'node:util';
import { ShipgateError } from '../core/errors.js';
import { type DeployAdapters, run as deploy } from '../deploy/deploy-action.js';
import { DEPLOY_INPUT_NAMES, parseDeployInputs, ROLLBACK_INPUT_NAMES } from '../deploy/deploy-inputs.js';
import { run as rollback } from '../deploy/rollback-action.js';
import { run as unlock } from '../deploy/unlock-action.js';
import type { CliRuntime } from '../runtime/cli-runtime.js';
import { renderStatus } from './status.js';

export const USAGE = `usage:
  shipgate deploy --environment ENV --version VERSION [--service NAME] [--strategy rolling|blue-green|canary]
                  [--phase prepare|switch|finalize|cancel|full] [--config FILE] [--rollback-on-error true|false]
                  [--dry-run] [--state file|github|auto] [--state-file FILE]
  shipgate rollback --environment ENV [--service NAME] [--to-version VERSION] [--reason TEXT] [--config FILE]
                  [--state file|github|auto] [--state-file FILE]
  shipgate status --environment ENV [--service NAME] [--config FILE] [--state-file FILE]
  shipgate unlock --environment ENV [--service NAME] [--config FILE] [--state file|github|auto] [--state-file FILE]

The same engine as the GitHub actions, for the runbooks' manual deploy in an emergency. Flags are the
actions' inputs; defaults are the same (config .github/shipgate.yml, state .shipgate/state.json). The github
state store reads GITHUB_TOKEN and GITHUB_REPOSITORY (and GITHUB_SHA, the commit deployed) from the environment.`;

/** What the commands run with: the deploy and rollback actions' adapters. */
export interface CliAdapters {
  readonly deploy: DeployAdapters;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * `shipgate <command> [flags]`: deploy and rollback are the actions' own `run` functions, with the flags
 * as their inputs; status reads the state file. Errors are one line and exit code 1 (set by the runtime).
 */
export async function runCli(
  argv: readonly string[],
  runtime: CliRuntime,
  adapters: CliAdapters,
  env: Env = process.env,
): Promise<void> {
  const [command, ...rest] = argv;
  let flags: Record<string, string | undefined>;
  try {
    flags = readFlags(rest, env);
  } catch (error) {
    return runtime.fail(usageError(error));
  }
  if (flags['github-token']) runtime.logger.mask(flags['github-token']);
  const withFlags = runtime.withInputs(flags);
  switch (command) {
    case 'deploy':
      return deploy(withFlags, adapters.deploy);
    case 'rollback':
      return rollback(withFlags, adapters.deploy);
    case 'status':
      return status(withFlags, adapters.deploy);
    case 'unlock':
      return unlock(withFlags, adapters.deploy);
    case undefined:
    case 'help':
    case '--help':
      return runtime.print(`${USAGE}\n`);
    default:
      return runtime.fail(
        new ShipgateError(
          'invalid-input',
          `unknown command '${command}'; expected deploy, rollback, status or unlock\n${USAGE}`,
        ),
      );
  }
}

/** The flags are the actions' inputs; the github store's token comes from the environment, never a flag. */
function readFlags(args: readonly string[], env: Env): Record<string, string | undefined> {
  const names = [...new Set([...DEPLOY_INPUT_NAMES, ...ROLLBACK_INPUT_NAMES])].filter(
    (name) => name !== 'github-token',
  );
  const { values } = parseArgs({
    args: [...args],
    options: Object.fromEntries(
      names.map((name) => [name, { type: name === 'dry-run' ? ('boolean' as const) : ('string' as const) }]),
    ),
    strict: true,
  });
  return {
    ...Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value]),
    ),
    // Flags end up in shell history; a token does not belong there.
    ...(env.GITHUB_TOKEN ? { 'github-token': env.GITHUB_TOKEN } : {}),
  };
}

function usageError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof TypeError && code?.startsWith('ERR_PARSE_ARGS')) {
    return new ShipgateError('invalid-input', `${error.message}; see 'shipgate help'`, { cause: error });
  }
  return error;
}

async function status(runtime: CliRuntime, adapters: DeployAdapters): Promise<void> {
  try {
    const raw = runtime.inputs([...DEPLOY_INPUT_NAMES]);
    const parsed = parseDeployInputs({ ...raw, version: raw.version ?? '-' }, runtime.context);
    const { context, logger } = runtime;
    const store = await adapters.createStateStore({ state: 'file', stateFile: parsed.stateFile, context, logger });
    const { service, environment } = parsed.inputs;
    const key = { service, environment };
    runtime.print(renderStatus(service, environment, await store.read(key), await store.inspectLock(key)));
  } catch (error) {
    runtime.fail(error);
  }
}
