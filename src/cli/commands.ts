import { type DeployAdapters, run as deploy } from '../deploy/deploy-action.js';
import { DEPLOY_INPUT_NAMES, ROLLBACK_INPUT_NAMES } from '../deploy/deploy-inputs.js';
import { run as rollback } from '../deploy/rollback-action.js';
import { run as unlock } from '../deploy/unlock-action.js';
import type { CliRuntime } from '../runtime/cli-runtime.js';
import { printOutcome, printStatus, printUnlock } from './print.js';

/** What the commands run with: the deploy and rollback actions' adapters. */
export interface CliAdapters {
  readonly deploy: DeployAdapters;
}

/** One flag: `--name VALUE` (or a bare switch), with its line of help. */
export interface FlagSpec {
  readonly name: string;
  /** The value's placeholder in the usage (`ENV`); absent for a switch such as --dry-run. */
  readonly value?: string;
  readonly help: string;
}

/**
 * One `shipgate` command. Its flags are its action's inputs (so a new input is a new flag), plus --json
 * and --help which every command takes. Adding a command is one entry in COMMANDS.
 */
export interface CliCommand {
  readonly name: string;
  /** One line, for the overview. */
  readonly summary: string;
  /** A few lines, for the command's --help. */
  readonly description: string;
  readonly flags: readonly FlagSpec[];
  /** Flags without which it is a usage error (exit 2). */
  readonly required: readonly string[];
  /** Runs with the flags as the runtime's inputs; `json` asks for one JSON document on stdout. */
  run(runtime: CliRuntime, adapters: CliAdapters, options: { readonly json: boolean }): Promise<void>;
}

/** Help for each input that is a flag; an input without an entry here still is one, with a generic line. */
const FLAG_HELP: Readonly<Record<string, Omit<FlagSpec, 'name'>>> = {
  service: { value: 'NAME', help: 'the service; may be left out when the config has only one' },
  environment: { value: 'ENV', help: 'the environment, e.g. production' },
  version: { value: 'VERSION', help: 'the version to deploy (an image tag, a SHA, …)' },
  strategy: { value: 'STRATEGY', help: 'rolling, blue-green or canary (default: the config’s, else rolling)' },
  phase: { value: 'PHASE', help: 'blue-green: prepare, switch, finalize, cancel or full (default full)' },
  config: { value: 'FILE', help: 'the config file (default .github/shipgate.yml)' },
  'rollback-on-error': { value: 'BOOL', help: 'roll back when a step fails: true or false (default true)' },
  'dry-run': { help: 'print the plan, change nothing' },
  force: { help: 'deploy even when the version is active, or the target drifted from the record' },
  state: { value: 'KIND', help: 'file, github or auto (default auto: file outside GitHub Actions)' },
  'state-file': { value: 'FILE', help: 'the file state store (default .shipgate/state.json)' },
  'to-version': { value: 'VERSION', help: 'the version to roll back to (default: the last good one before)' },
  reason: { value: 'TEXT', help: 'why, for the history and the incident' },
};

/** Switches: present means true. */
export const SWITCHES: ReadonlySet<string> = new Set(['dry-run', 'force']);

/** The flags of an action's inputs; the token is never a flag (it would end up in shell history). */
export function flagsOf(inputs: readonly string[]): FlagSpec[] {
  return inputs
    .filter((name) => name !== 'github-token')
    .map((name) => {
      const { value, help } = FLAG_HELP[name] ?? { help: `the action's '${name}' input` };
      return SWITCHES.has(name) ? { name, help } : { name, value: value ?? 'VALUE', help };
    });
}

export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'deploy',
    summary: 'deploy a version with its strategy, every step gated, rolled back on failure',
    description:
      'Runs the deploy action’s engine from here: the plan, the gates, the rollback on failure, the state and\nthe lock are the same as in GitHub Actions. Ctrl-C stops the step in flight and routes traffic back.',
    flags: flagsOf(DEPLOY_INPUT_NAMES),
    required: ['environment', 'version'],
    run: async (runtime, adapters, { json }) => {
      await deploy(runtime, adapters.deploy);
      printOutcome(runtime, 'deploy', json);
    },
  },
  {
    name: 'rollback',
    summary: 'go back to the last good version (or --to-version), and verify it',
    description:
      'Routes traffic back to the slot that still runs the target version, or redeploys it, and gates it.\nAlso finishes what a killed run left half done.',
    flags: flagsOf(ROLLBACK_INPUT_NAMES),
    required: ['environment'],
    run: async (runtime, adapters, { json }) => {
      await rollback(runtime, adapters.deploy);
      printOutcome(runtime, 'rollback', json);
    },
  },
  {
    name: 'status',
    summary: 'what runs where, the traffic, the lock and the last deploys',
    description:
      'Shows the active version and slot, the traffic weights (read back from nginx’s upstream file where\nthere is one, with any drift from the record), the lock and whether its holder is alive, and the last 10\nentries of the history.',
    flags: flagsOf(['service', 'environment', 'config', 'state', 'state-file']),
    required: ['environment'],
    run: (runtime, adapters, { json }) => printStatus(runtime, adapters.deploy, json),
  },
  {
    name: 'unlock',
    summary: 'release the lock of a run that was killed, and record that run as killed',
    description:
      'Releases the deploy lock when its holder is dead or cannot be told from here (a GitHub run, another host),\nnaming it, and records its unfinished run as killed in the history. A holder still running on this host\nis refused. Then `shipgate rollback` re-applies the stable route.',
    flags: flagsOf(['service', 'environment', 'config', 'state', 'state-file']),
    required: ['environment'],
    run: async (runtime, adapters, { json }) => {
      await unlock(runtime, adapters.deploy);
      printUnlock(runtime, json);
    },
  },
];
