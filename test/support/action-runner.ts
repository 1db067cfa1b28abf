import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { node24, repoRoot } from './paths.js';

/**
 * Runs a committed action bundle the way the GitHub runner does: `node24 <runs.main>` (or `runs.post`)
 * from action.yml, every input with a default set as the runner sets it, inputs in INPUT_<NAME>
 * (upper-cased, dashes kept), the GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY / GITHUB_ENV files,
 * an event payload at GITHUB_EVENT_PATH and GITHUB_API_URL at the emulator — and parses what it wrote.
 */
export interface RunActionOptions {
  readonly action: string;
  readonly entry?: 'main' | 'post';
  readonly inputs?: Readonly<Record<string, string>>;
  /** The token `${{ github.token }}` defaults evaluate to. */
  readonly token?: string;
  readonly apiUrl?: string;
  readonly event?: { readonly name: string; readonly payload: unknown };
  /** STATE_* values, as the runner passes a main step's saved state to its post step. */
  readonly state?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Kill the action after this long (a test bound, not an expectation). */
  readonly timeoutMs?: number;
  /** Called when the process has started, e.g. to send it SIGTERM as a cancelled run would. */
  readonly onStart?: (child: ChildProcess) => void;
}

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice' | 'debug';
  readonly message: string;
}

export interface ActionRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly state: Readonly<Record<string, string>>;
  readonly exportedEnv: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly annotations: readonly Annotation[];
  readonly masks: readonly string[];
  readonly durationMs: number;
}

interface ActionYaml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; main: string; post?: string };
}

export function readActionYaml(action: string): ActionYaml {
  return parseYaml(readFileSync(join(repoRoot, 'actions', action, 'action.yml'), 'utf8')) as ActionYaml;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const meta = readActionYaml(options.action);
  if (meta.runs.using !== 'node24') throw new Error(`action ${options.action} runs.using is ${meta.runs.using}`);
  const script = options.entry === 'post' ? meta.runs.post : meta.runs.main;
  if (!script) throw new Error(`action ${options.action} has no runs.${options.entry ?? 'main'}`);
  const actionDir = join(repoRoot, 'actions', options.action);
  const temp = mkdtempSync(join(tmpdir(), 'shipgate-run-'));
  const files = {
    output: join(temp, 'output'),
    state: join(temp, 'state'),
    summary: join(temp, 'summary'),
    env: join(temp, 'env'),
    event: join(temp, 'event.json'),
  };
  for (const file of [files.output, files.state, files.summary, files.env]) writeFileSync(file, '');
  const event = options.event ?? { name: 'workflow_dispatch', payload: { inputs: {} } };
  writeFileSync(files.event, JSON.stringify(event.payload));
  const token = options.token ?? 'test-token';

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: options.cwd ?? temp,
    GITHUB_REPOSITORY: 'octo-org/web',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_SHA: 'a3f1c2d4e5b6a7980112233445566778899aabbc',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_RUN_ID: '7001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '12',
    GITHUB_WORKFLOW: 'Deploy',
    GITHUB_JOB: 'gate',
    GITHUB_ACTION: options.action,
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    ...options.env,
  };
  for (const [name, spec] of Object.entries(meta.inputs ?? {})) {
    const value = options.inputs?.[name] ?? evaluateDefault(spec.default, token);
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (!meta.inputs?.[name]) throw new Error(`action ${options.action} has no input '${name}'`);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;

  const started = performance.now();
  const child = spawn(node24, [resolve(actionDir, script)], {
    cwd: options.cwd ?? temp,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  options.onStart?.(child);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => {
    child.on('close', (code, sig) => done([code, sig]));
  });
  clearTimeout(timer);
  const durationMs = performance.now() - started;
  try {
    return {
      exitCode,
      signal,
      stdout,
      stderr,
      outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
      state: parseFileCommands(readFileSync(files.state, 'utf8')),
      exportedEnv: parseFileCommands(readFileSync(files.env, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
      annotations: parseAnnotations(stdout),
      masks: parseMasks(stdout),
      durationMs,
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function evaluateDefault(value: string | undefined, token: string): string | undefined {
  if (value === undefined) return undefined;
  return value.replace(/\$\{\{\s*github\.token\s*\}\}/g, token);
}

/** Parses `name<<DELIM\nvalue\nDELIM` and `name=value` entries, as the runner does. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      i += 1;
      while (i < lines.length && lines[i] !== delimiter) {
        value.push(lines[i] ?? '');
        i += 1;
      }
      if (i >= lines.length) throw new Error(`file command for '${name}' has no closing delimiter`);
      result[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`malformed file command line: ${line}`);
    result[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return result;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice|debug)(?: [^:]*)?::(.*)$/.exec(line);
    if (match) annotations.push({ level: match[1] as Annotation['level'], message: unescapeData(match[2] ?? '') });
  }
  return annotations;
}

function parseMasks(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => unescapeData(line.slice('::add-mask::'.length)));
}

/** What a person would see in the log: workflow commands consumed, registered secrets shown as ***. */
export function visibleLog(run: ActionRun): string {
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  return lines.join('\n');
}
