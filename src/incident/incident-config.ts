import { errorMessage, InputError } from '../core/errors.js';
import type { Language } from './language.js';
import type { SeveritySetting } from './severity.js';

/**
 * The `incident:` block of `.github/shipgate.yml` for one service and environment (SPEC §4, §5.4): the
 * incident action's defaults for `labels`, `assignees`, `language` and `severity`. An input that is set
 * wins over it; the block wins over the built-in defaults (`en`, `auto`, none).
 */
export interface IncidentConfigDefaults {
  readonly labels?: readonly string[];
  readonly assignees?: readonly string[];
  readonly language?: Language;
  readonly severity?: SeveritySetting;
}

/** Reads a workspace file; the entry resolves relative paths against the workspace. */
export interface WorkspaceReader {
  readFile(path: string): Promise<string>;
}

export const DEFAULT_CONFIG_PATH = '.github/shipgate.yml';

const SCOPE = 'incident';
const LOGIN = /^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/**
 * The incident defaults of `service`/`environment` in the config at `path` (the `config` input, or
 * `.github/shipgate.yml` when it is not set). A default config that does not exist means no defaults; a
 * config named by the input must be readable. A config that does not name the service or environment
 * gives no defaults either: the incident action also serves repositories that deploy without shipgate.
 */
export async function readIncidentConfig(
  path: string | undefined,
  where: { readonly service: string; readonly environment: string } | undefined,
  files: WorkspaceReader,
): Promise<IncidentConfigDefaults> {
  const file = path ?? DEFAULT_CONFIG_PATH;
  checkInsideWorkspace(file);
  let text: string;
  try {
    text = await files.readFile(file);
  } catch (error) {
    if (path === undefined && (error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return {};
    const reason = errorMessage(error).split('\n')[0] ?? '';
    throw new InputError('config', file, `a readable shipgate config file (${reason})`, { scope: SCOPE, cause: error });
  }
  // Loaded only when there is a config: YAML and the config schema are most of what it costs to read.
  const { parseConfig, ConfigError } = await import('../deploy/config.js');
  const config = parseConfig(text, file);
  if (!where) return {};
  const block = config.services[where.service]?.environments[where.environment]?.incident;
  if (!block) return {};
  const keyPath = `services.${where.service}.environments.${where.environment}.incident`;
  const badLabel = (block.labels ?? []).findIndex((label) => label.trim() === '' || label.length > 50);
  if (badLabel >= 0) {
    throw new ConfigError(
      file,
      `${keyPath}.labels[${badLabel}]`,
      block.labels?.[badLabel],
      'a label name of 1 to 50 characters',
    );
  }
  const badLogin = (block.assignees ?? []).findIndex((login) => !LOGIN.test(login));
  if (badLogin >= 0) {
    throw new ConfigError(
      file,
      `${keyPath}.assignees[${badLogin}]`,
      block.assignees?.[badLogin],
      'a GitHub login, like alice',
    );
  }
  return {
    ...(block.labels !== undefined ? { labels: block.labels.map((label) => label.trim()) } : {}),
    ...(block.assignees !== undefined
      ? { assignees: [...new Set(block.assignees.map((l) => l.replace(/^@/, '')))] }
      : {}),
    ...(block.language !== undefined ? { language: block.language } : {}),
    ...(block.severity !== undefined ? { severity: block.severity } : {}),
  };
}

/** SPEC §10: the config path stays inside the workspace (relative, never climbing out with `..`). */
function checkInsideWorkspace(file: string): void {
  const parts = file.split(/[\\/]+/);
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file) || parts.includes('..')) {
    throw new InputError('config', file, 'a path inside the workspace, like .github/shipgate.yml', { scope: SCOPE });
  }
}
