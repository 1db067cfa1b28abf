import * as z from '#zod';
import { InputError } from '../core/errors.js';
import { booleanInput, enumInput, formInput, optionalText, parseInputs, type RawInputs } from '../core/inputs.js';
import type { RunContext } from '../core/run-context.js';
import { PHASES, STRATEGIES } from '../core/vocabulary.js';
import type { DeployInputs } from './settings.js';

const SCOPE = 'deploy';

export const DEPLOY_INPUT_NAMES = [
  'service',
  'environment',
  'version',
  'strategy',
  'config',
  'rollback-on-error',
  'phase',
  'dry-run',
  'state',
  'state-file',
  'force',
  'github-token',
] as const;

/** The defaults action.yml declares (a test keeps them equal); the CLI uses the same. */
export const DEPLOY_DEFAULTS: Readonly<Record<string, string>> = {
  config: '.github/shipgate.yml',
  'rollback-on-error': 'true',
  phase: 'full',
  'dry-run': 'false',
  state: 'auto',
  'state-file': '.shipgate/state.json',
  force: 'false',
};

export const STATE_KINDS = ['auto', 'file', 'github'] as const;

const VERSION_FORM = 'an opaque version string of 1 to 256 characters without control characters';
const NAME_FORM = 'a name of letters, digits, ".", "_" or "-"';
const name = () =>
  formInput(NAME_FORM, (text) => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text.trim()) ? text.trim() : undefined));

const schema = z.object({
  service: z.optional(name()),
  environment: name(),
  version: formInput(VERSION_FORM, (text) =>
    text.length >= 1 && text.length <= 256 && !/[\u0000-\u001f\u007f]/.test(text) ? text : undefined,
  ),
  strategy: z.optional(enumInput(STRATEGIES)),
  config: z.string(),
  'rollback-on-error': booleanInput(),
  phase: enumInput(PHASES),
  'dry-run': booleanInput(),
  state: enumInput(STATE_KINDS),
  'state-file': z.string(),
  force: booleanInput(),
  'github-token': optionalText(),
});

export interface ParsedDeployInputs {
  readonly inputs: DeployInputs;
  readonly configPath: string;
  /** `auto` resolved: `github` inside Actions with a token, else `file` (SPEC §5.2). */
  readonly state: StateKind;
  readonly stateFile: string;
  readonly githubToken?: string;
}

export type StateKind = 'file' | 'github';

/**
 * `state: auto` is `github` inside GitHub Actions when there is a token, and `file` elsewhere; `github`
 * needs a token and the repository, and says so in one line when either is missing.
 */
export function resolveStateKind(
  scope: string,
  state: (typeof STATE_KINDS)[number],
  token: string | undefined,
  context: Pick<RunContext, 'repository' | 'inActions'>,
): StateKind {
  const kind: StateKind = state === 'auto' ? (context.inActions && token ? 'github' : 'file') : state;
  if (kind === 'github') {
    if (!token)
      throw new InputError(
        'github-token',
        undefined,
        "a token with 'permissions: deployments: write' (state is github)",
        { scope },
      );
    if (!context.repository) {
      throw new InputError(
        'state',
        state,
        'file outside GitHub Actions (the github store needs GITHUB_REPOSITORY to know whose deployments to keep)',
        { scope },
      );
    }
  }
  return kind;
}

/** Reads the deploy inputs (or CLI flags); the first bad one throws one InputError line. */
export function parseDeployInputs(
  raw: RawInputs,
  context: Pick<RunContext, 'repository' | 'inActions'>,
): ParsedDeployInputs {
  // The version is data, never trimmed or reshaped: read it before the blank-means-default rule.
  const input = parseInputs(SCOPE, schema, raw, DEPLOY_DEFAULTS);
  const service = input.service ?? context.repository?.repo;
  if (!service)
    throw new InputError('service', undefined, `${NAME_FORM} (no repository to default to)`, { scope: SCOPE });
  const state = resolveStateKind(SCOPE, input.state, input['github-token'], context);
  return {
    inputs: {
      service,
      environment: input.environment,
      version: input.version,
      ...(input.strategy ? { strategy: input.strategy } : {}),
      phase: input.phase,
      rollbackOnError: input['rollback-on-error'],
      dryRun: input['dry-run'],
      ...(input.force ? { force: true } : {}),
    },
    configPath: input.config,
    state,
    stateFile: input['state-file'],
    ...(input['github-token'] ? { githubToken: input['github-token'] } : {}),
  };
}

export const ROLLBACK_INPUT_NAMES = [
  'service',
  'environment',
  'to-version',
  'reason',
  'config',
  'state',
  'state-file',
  'github-token',
] as const;

/** The defaults actions/rollback/action.yml declares; the CLI uses the same. */
export const ROLLBACK_DEFAULTS: Readonly<Record<string, string>> = {
  config: '.github/shipgate.yml',
  state: 'auto',
  'state-file': '.shipgate/state.json',
};

const rollbackSchema = z.object({
  service: z.optional(name()),
  environment: name(),
  'to-version': z.optional(
    formInput(VERSION_FORM, (text) =>
      text.length >= 1 && text.length <= 256 && !/[\u0000-\u001f\u007f]/.test(text) ? text : undefined,
    ),
  ),
  reason: optionalText(),
  config: z.string(),
  state: enumInput(STATE_KINDS),
  'state-file': z.string(),
  'github-token': optionalText(),
});

export interface ParsedRollbackInputs {
  readonly service: string;
  readonly environment: string;
  /** Absent: the last version that succeeded before the active one. */
  readonly toVersion?: string;
  readonly reason?: string;
  readonly configPath: string;
  readonly state: StateKind;
  readonly stateFile: string;
  readonly githubToken?: string;
}

/**
 * Reads the rollback inputs (SPEC §5.3) or CLI flags; the first bad one throws one InputError line.
 * `scope` names the command in that line (`shipgate status` reads the same flags).
 */
export function parseRollbackInputs(
  raw: RawInputs,
  context: Pick<RunContext, 'repository' | 'inActions'>,
  scope = 'rollback',
): ParsedRollbackInputs {
  const input = parseInputs(scope, rollbackSchema, raw, ROLLBACK_DEFAULTS);
  const service = input.service ?? context.repository?.repo;
  if (!service) throw new InputError('service', undefined, `${NAME_FORM} (no repository to default to)`, { scope });
  const state = resolveStateKind(scope, input.state, input['github-token'], context);
  const reason = input.reason?.trim();
  return {
    service,
    environment: input.environment,
    ...(input['to-version'] !== undefined ? { toVersion: input['to-version'] } : {}),
    ...(reason ? { reason } : {}),
    configPath: input.config,
    state,
    stateFile: input['state-file'],
    ...(input['github-token'] ? { githubToken: input['github-token'] } : {}),
  };
}
