import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lintWorkflows } from '../../scripts/workflow-lint.mjs';
import { repoRoot } from '../support/paths.js';

interface Finding {
  path: string;
  line: number;
  message: string;
  kind: string;
}

const workflowsDir = join(repoRoot, '.github', 'workflows');
const workflows = readdirSync(workflowsDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

describe('the workflows', () => {
  it('pass actionlint', async () => {
    const findings = (await lintWorkflows()) as Finding[];
    expect(findings.map((f) => `${f.path}:${f.line}: ${f.message} [${f.kind}]`)).toEqual([]);
  }, 60_000);

  it('are linted for real: a broken workflow gets findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-lint-'));
    try {
      const path = join(dir, 'broken.yml');
      writeFileSync(
        path,
        'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n      - uses: actions/checkout@v4\n        with: { nope: 1 }\n    timeout-minutes: soon\n',
      );
      const findings = (await lintWorkflows([path])) as Finding[];
      expect(findings.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.each(workflows)(
    '%s grants no permissions at the top, pins third-party actions and avoids pull_request_target',
    (name) => {
      expect(policyFindings(readFileSync(join(workflowsDir, name), 'utf8'))).toEqual([]);
    },
  );

  it('are checked for real: a workflow that breaks each rule gets a finding for each', () => {
    const broken = [
      'on: [push, pull_request_target]',
      'permissions: { contents: write }',
      'jobs:',
      '  call: { uses: octo-org/workflows/.github/workflows/x.yml@main }',
      '  x:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: $/actions/deploy',
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join('\n');
    expect(policyFindings(broken)).toEqual([
      'top-level permissions are {"contents":"write"}; expected {}',
      'pull_request_target is a trigger',
      'octo-org/workflows/.github/workflows/x.yml@main is not pinned to a full commit SHA',
      'actions/checkout@v4 is not pinned to a full commit SHA',
      'a run: step has ${{ }} in its script: echo "${{ github.event.pull_request.title }}"',
    ]);
  });
});

/**
 * SPEC §7's rules for every workflow: `permissions: {}` at the top; third-party actions and reusable
 * workflows pinned to a full commit SHA (ours are `./…`, this checkout, or `$/…`, the workflow's own
 * repository at the running commit); no `pull_request_target`; no `${{ }}` inside `run:` (values go
 * through `env:`).
 */
function policyFindings(text: string): string[] {
  const workflow = parseYaml(text) as {
    on?: unknown;
    permissions?: unknown;
    jobs?: Record<string, { uses?: string; steps?: Array<{ uses?: string; run?: string }> }>;
  };
  const findings: string[] = [];
  if (JSON.stringify(workflow.permissions) !== '{}')
    findings.push(`top-level permissions are ${JSON.stringify(workflow.permissions)}; expected {}`);
  if (JSON.stringify(workflow.on ?? {}).includes('pull_request_target'))
    findings.push('pull_request_target is a trigger');
  const pinned = (uses: string) => /^[.$]\//.test(uses) || /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses);
  for (const job of Object.values(workflow.jobs ?? {})) {
    if (job.uses && !pinned(job.uses)) findings.push(`${job.uses} is not pinned to a full commit SHA`);
    for (const step of job.steps ?? []) {
      if (step.uses && !pinned(step.uses)) findings.push(`${step.uses} is not pinned to a full commit SHA`);
      if (step.run && /\$\{\{/.test(step.run))
        findings.push(`a run: step has \${{ }} in its script: ${step.run.trim().split('\n')[0]}`);
    }
  }
  return findings;
}
