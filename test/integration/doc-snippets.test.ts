import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { lintWorkflows } from '../../scripts/workflow-lint.mjs';
import { repoRoot } from '../support/paths.js';

/**
 * Every fenced YAML snippet of the docs is checked by what would read it, so the docs cannot drift from
 * the code (issue 15): shipgate configs (whole files, or a `services:` / environment fragment merged into
 * a minimal environment) by the committed CLI's dry run; workflows and workflow fragments by actionlint,
 * with the `with:` keys of every step that uses one of our actions or reusable workflows checked against
 * its action.yml or `workflow_call` inputs; Prometheus configs by promtool. A snippet that is none of
 * these (a docker-compose file, say) must say so, with a reason, in a `<!-- snippet: skip REASON -->`
 * comment on the line before it; an unclassified snippet fails. Every `shipgate …` command line (in a
 * shell snippet or an inline code span) is parsed by the committed CLI's own option table.
 */

interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly text: string;
  /** The `<!-- snippet: ... -->` directive on the line before, if any. */
  readonly directive?: string;
}

const DOC_ROOTS = ['README.md', 'docs', 'examples'];

function markdownFiles(path: string): string[] {
  const full = join(repoRoot, path);
  if (!existsSync(full)) return [];
  if (path.endsWith('.md')) return [path];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() || entry.name.endsWith('.md') ? markdownFiles(join(path, entry.name)) : [],
  );
}

function snippetsOf(file: string): Snippet[] {
  const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^( *)```(\S*)/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1] ?? '';
    const end = lines.findIndex((line, j) => j > i && line.startsWith(`${indent}\`\`\``));
    if (end === -1) break;
    const body = lines
      .slice(i + 1, end)
      .map((line) => line.slice(indent.length))
      .join('\n');
    const directive = /<!--\s*snippet:\s*(.*?)\s*-->/.exec(lines[i - 1] ?? '')?.[1];
    snippets.push({ file, line: i + 1, lang: open[2] ?? '', text: body, ...(directive ? { directive } : {}) });
    i = end;
  }
  return snippets;
}

const yamlSnippets = DOC_ROOTS.flatMap(markdownFiles)
  .sort()
  .flatMap(snippetsOf)
  .filter((snippet) => snippet.lang === 'yaml' || snippet.lang === 'yml');

type Kind = 'config' | 'config-services' | 'config-environment' | 'workflow' | 'workflow-steps' | 'prometheus' | 'skip';

const ENVIRONMENT_KEYS = new Set([
  'strategy',
  'target',
  'router',
  'health',
  'analysis',
  'canary',
  'blue-green',
  'rolling',
  'hooks',
  'incident',
]);

function classify(snippet: Snippet): Kind | undefined {
  if (snippet.directive?.startsWith('skip')) return 'skip';
  const doc = parseYaml(snippet.text) as unknown;
  if (Array.isArray(doc)) return doc.every((step) => step && typeof step === 'object') ? 'workflow-steps' : undefined;
  if (!doc || typeof doc !== 'object') return undefined;
  const keys = Object.keys(doc);
  if (keys.includes('jobs') || keys.includes('on')) return 'workflow';
  if (keys.includes('services')) return keys.includes('version') ? 'config' : 'config-services';
  if (keys.includes('scrape_configs')) return 'prometheus';
  if (keys.length > 0 && keys.every((key) => ENVIRONMENT_KEYS.has(key))) return 'config-environment';
  return undefined;
}

const label = (snippet: Snippet) => `${snippet.file}:${snippet.line}`;
const temp = mkdtempSync(join(tmpdir(), 'shipgate-doc-snippets-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A minimal environment that a config fragment is merged into (deep, the fragment winning). */
const BASE_ENVIRONMENT = {
  strategy: 'canary',
  target: { kind: 'command', deploy: 'true', slots: { blue: ['127.0.0.1:8081'], green: ['127.0.0.1:8082'] } },
  router: { kind: 'command', route: 'true' },
  health: { url: 'http://{address}/health' },
  canary: { steps: [{ weight: 10, pause: '1m' }] },
};

function merge(base: unknown, over: unknown): unknown {
  if (!base || !over || typeof base !== 'object' || typeof over !== 'object' || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) out[key] = merge(out[key], value);
  return out;
}

function configText(snippet: Snippet, kind: Kind): string {
  const doc = parseYaml(snippet.text) as Record<string, unknown>;
  if (kind === 'config') return snippet.text;
  if (kind === 'config-services') return stringify({ version: 1, ...doc });
  // `url` and `urls` exclude each other: a fragment with `urls` replaces the base's `url`.
  const health = doc.health as Record<string, unknown> | undefined;
  const base = health?.urls ? { ...BASE_ENVIRONMENT, health: {} } : BASE_ENVIRONMENT;
  return stringify({
    version: 1,
    services: { api: { environments: { production: merge(base, doc) } } },
  });
}

const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;

/**
 * Each service/environment of a config, dry-run by the committed CLI, the way a person would: with its
 * configured strategy, and with every other strategy it has a block for (a config that shows a
 * `rolling:` block promises that rolling works with it).
 */
function dryRunEachEnvironment(snippet: Snippet, text: string): void {
  const workspace = mkdtempSync(join(temp, 'ws-'));
  mkdirSync(join(workspace, '.github'));
  writeFileSync(join(workspace, '.github', 'shipgate.yml'), text);
  const config = parseYaml(text) as {
    services: Record<string, { environments: Record<string, Record<string, unknown>> }>;
  };
  const cli = join(repoRoot, 'dist', 'cli', 'index.js');
  for (const [service, { environments }] of Object.entries(config.services)) {
    for (const [environment, settings] of Object.entries(environments)) {
      const strategies = [undefined, ...STRATEGIES.filter((strategy) => strategy in settings)];
      for (const strategy of strategies) {
        const run = spawnSync(
          process.execPath,
          [
            cli,
            'deploy',
            ...['--service', service, '--environment', environment, '--version', '1.4.2', '--dry-run'],
            ...(strategy ? ['--strategy', strategy] : []),
          ],
          { cwd: workspace, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
        );
        const what = `${label(snippet)} ${service}/${environment} ${strategy ?? '(configured strategy)'}`;
        expect(run.status, `${what}: ${run.stderr}${run.stdout}`).toBe(0);
      }
    }
  }
}

interface InputsOwner {
  inputs?: Record<string, unknown>;
}
const ownAction = (name: string): InputsOwner =>
  parseYaml(readFileSync(join(repoRoot, 'actions', name, 'action.yml'), 'utf8')) as InputsOwner;
const ownWorkflowInputs = (name: string): InputsOwner =>
  (
    parseYaml(readFileSync(join(repoRoot, '.github', 'workflows', name), 'utf8')) as {
      on: { workflow_call?: InputsOwner };
    }
  ).on.workflow_call ?? {};

/** The `with:` keys of steps and jobs that use our actions or reusable workflows, against what they take. */
function checkOwnUses(snippet: Snippet, workflow: { jobs?: Record<string, Record<string, unknown>> }): void {
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    const uses: Array<{ uses: unknown; with?: Record<string, unknown> }> = [
      job as { uses: unknown; with?: Record<string, unknown> },
      ...((job.steps as Array<{ uses: unknown; with?: Record<string, unknown> }> | undefined) ?? []),
    ];
    for (const step of uses) {
      if (typeof step.uses !== 'string') continue;
      const action = /(?:^|\/)actions\/(deploy|rollback|healthcheck|incident)(?:@|$)/.exec(step.uses)?.[1];
      const reusable = /\.github\/workflows\/([\w-]+\.ya?ml)(?:@|$)/.exec(step.uses)?.[1];
      const owner = action ? ownAction(action) : reusable ? ownWorkflowInputs(reusable) : undefined;
      if (!owner) continue;
      const known = Object.keys(owner.inputs ?? {});
      for (const key of Object.keys(step.with ?? {})) {
        expect(known, `${label(snippet)} job ${jobId}: '${key}' is not an input of ${step.uses}`).toContain(key);
      }
    }
  }
}

/**
 * A fragment made a whole workflow: a `workflow_dispatch` trigger declaring the `inputs.*` it reads (a
 * fragment shows the steps, not the caller's trigger), and a job around bare steps.
 */
function asWorkflow(snippet: Snippet, kind: Kind): Record<string, unknown> {
  const doc = parseYaml(snippet.text) as Record<string, unknown>;
  const read = [...new Set([...snippet.text.matchAll(/\binputs\.([\w-]+)/g)].map((match) => match[1] as string))];
  const trigger = { workflow_dispatch: { inputs: Object.fromEntries(read.map((name) => [name, { type: 'string' }])) } };
  const job = { 'runs-on': 'ubuntu-latest', steps: [{ run: 'true' }] };
  if (kind === 'workflow-steps') return { on: trigger, permissions: {}, jobs: { snippet: { ...job, steps: doc } } };
  return { on: trigger, permissions: {}, ...doc, jobs: doc.jobs ?? { snippet: job } };
}

/**
 * Findings that only the snippet's setting explains: remote `owner/repo/path@v1` actions that actionlint
 * cannot fetch offline, and custom labels of self-hosted runners (the deploy host's own label).
 */
const expected = (finding: { kind: string; message: string }, text: string): boolean =>
  finding.kind === 'action' ||
  (finding.kind === 'runner-label' &&
    /custom label for self-hosted runner/.test(finding.message) &&
    /self-hosted/.test(text));

async function lintWorkflowText(snippet: Snippet, workflow: Record<string, unknown>): Promise<void> {
  const path = join(temp, `${snippet.file.replace(/[^\w]+/g, '-')}-${snippet.line}.yml`);
  writeFileSync(path, stringify(workflow));
  const findings = (await lintWorkflows([path])).filter(
    (finding: { kind: string; message: string }) => !expected(finding, snippet.text),
  );
  expect(
    findings.map((finding: { message: string; line: number }) => `${finding.line}: ${finding.message}`),
    label(snippet),
  ).toEqual([]);
}

const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((path) => existsSync(path));

/** One `shipgate …` command line of the docs: in a shell snippet, or an inline code span. */
interface CommandLine {
  readonly where: string;
  readonly text: string;
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);

/** Shell snippets' lines (a trailing `\` continues a line) and inline code spans that run shipgate. */
function commandLinesOf(file: string): CommandLine[] {
  const fromSnippets = snippetsOf(file)
    .filter((snippet) => SHELL_LANGS.has(snippet.lang))
    .flatMap((snippet) =>
      snippet.text
        .replace(/\\\n\s*/g, ' ')
        .split('\n')
        .filter((line) => /(?:^|\s|\$ )(?:npx )?shipgate\s/.test(line.replace(/#.*$/, '')))
        .map((line) => ({ where: `${label(snippet)} (sh)`, text: line.replace(/#.*$/, '').trim() })),
    );
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const fromSpans = [...text.matchAll(/`(npx shipgate [^`]+)`/g)].map((match) => ({
    where: `${file}:${text.slice(0, match.index).split('\n').length}`,
    text: (match[1] ?? '').replace(/\s+/g, ' '),
  }));
  return [...fromSnippets, ...fromSpans];
}

/**
 * The arguments after `shipgate`, as a person would type them from a usage-style line: optional
 * `[--flag value]` groups are taken, `a|b|c` is its first choice.
 */
function shipgateArgs(line: string): string[] {
  const after = line.slice(line.search(/shipgate\s/) + 'shipgate'.length);
  const words = [...after.replace(/[[\]]/g, ' ').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)];
  return words.map((match) => match[1] ?? match[2] ?? (match[3] ?? '').split('|')[0] ?? '');
}

const commandLines = DOC_ROOTS.flatMap(markdownFiles).sort().flatMap(commandLinesOf);

describe('every YAML snippet of README.md, docs/ and examples/', () => {
  it('finds the snippets', () => {
    expect(yamlSnippets.length).toBeGreaterThan(10);
  });

  it.each(yamlSnippets.map((snippet) => [label(snippet), snippet] as const))(
    '%s is checked by what reads it',
    async (_label, snippet) => {
      const kind = classify(snippet);
      expect(
        kind,
        `${label(snippet)}: unclassified; add <!-- snippet: skip REASON --> if nothing can check it`,
      ).toBeDefined();
      switch (kind) {
        case 'config':
        case 'config-services':
        case 'config-environment':
          dryRunEachEnvironment(snippet, configText(snippet, kind));
          break;
        case 'workflow':
        case 'workflow-steps': {
          const workflow = asWorkflow(snippet, kind);
          await lintWorkflowText(snippet, workflow);
          checkOwnUses(snippet, workflow as { jobs?: Record<string, Record<string, unknown>> });
          break;
        }
        case 'prometheus': {
          expect(promtool, 'promtool (Debian package prometheus) is installed by npm test').toBeDefined();
          const path = join(temp, `prometheus-${snippet.line}.yml`);
          writeFileSync(path, snippet.text);
          expect(() => execFileSync(promtool as string, ['check', 'config', path], { stdio: 'pipe' })).not.toThrow();
          break;
        }
        case 'skip':
          expect(snippet.directive, `${label(snippet)}: a skip says why`).toMatch(/^skip\s+\S.{8,}/);
          break;
        case undefined:
          break;
        default: {
          const never: never = kind;
          throw new Error(`unknown kind ${String(never)}`);
        }
      }
    },
  );
});

describe('every shipgate command line of README.md, docs/ and examples/', () => {
  it('finds the command lines', () => {
    expect(commandLines.length).toBeGreaterThan(5);
  });

  it.each(commandLines.map((line) => [`${line.where}: ${line.text.slice(0, 50)}`, line] as const))(
    '%s names a known command and known flags',
    (_where, line) => {
      // --help makes the committed CLI parse the flags with the command's own table and stop (exit 0);
      // an unknown command or flag, or a flag without its value, is a usage error (exit 2).
      const args = shipgateArgs(line.text);
      const run = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli', 'index.js'), ...args, '--help'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(run.status, `${line.where}: shipgate ${args.join(' ')}: ${run.stderr}`).toBe(0);
    },
  );
});
