import * as z from 'zod/mini';
import { InputError } from '../core/errors.js';
import { booleanInput, enumInput, formInput, optionalText, parseInputs, type RawInputs } from '../core/inputs.js';
import type { RunContext } from '../core/run-context.js';
import { STRATEGIES } from './config.js';
import { PHASES, type DeployInputs } from './settings.js';

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
};

export const STATE_KINDS = ['auto', 'file', 'github'] as const;

const VERSION_FORM = 'an opaque version string of 1 to 256 characters without control characters';
const NAME_FORM = 'a name of letters, digits, ".", "_" or "-"';
const name = () => formInput(NAME_FORM, (text) => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text.trim()) ? text.trim() : undefined));

const schema = z.object({
  service: z.optional(name()),
  environment: name(),
  version: formInput(VERSION_FORM, (text) => (text.length >= 1 && text.length <= 256 && !/[\u0000-\u001f\u007f]/.test(text) ? text : undefined)),
  strategy: z.optional(enumInput(STRATEGIES)),
  config: z.string(),
  'rollback-on-error': booleanInput(),
  phase: enumInput(PHASES),
  'dry-run': booleanInput(),
  state: enumInput(STATE_KINDS),
  'state-file': z.string(),
  'github-token': optionalText(),
});

export interface ParsedDeployInputs {
  readonly inputs: DeployInputs;
  readonly configPath: string;
  readonly state: 'file';
  readonly stateFile: string;
  readonly githubToken?: string;
}

/** Reads the deploy inputs (or CLI flags); the first bad one throws one InputError line. */
export function parseDeployInputs(raw: RawInputs, context: Pick<RunContext, 'repository'>): ParsedDeployInputs {
  // The version is data, never trimmed or reshaped: read it before the blank-means-default rule.
  const input = parseInputs(SCOPE, schema, raw, DEPLOY_DEFAULTS);
  const service = input.service ?? context.repository?.repo;
  if (!service) throw new InputError('service', undefined, `${NAME_FORM} (no repository to default to)`, { scope: SCOPE });
  if (input.state === 'github') {
    // The Deployments API store is being built (it keeps history across fresh runners); until it lands
    // every deploy keeps state in the file, and saying `github` is refused rather than ignored.
    throw new InputError('state', input.state, 'auto or file (the github state store is not available in this version)', { scope: SCOPE });
  }
  return {
    inputs: {
      service,
      environment: input.environment,
      version: input.version,
      ...(input.strategy ? { strategy: input.strategy } : {}),
      phase: input.phase,
      rollbackOnError: input['rollback-on-error'],
      dryRun: input['dry-run'],
    },
    configPath: input.config,
    state: 'file',
    stateFile: input['state-file'],
    ...(input['github-token'] ? { githubToken: input['github-token'] } : {}),
  };
}
