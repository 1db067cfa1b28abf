import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIncidentMarker } from '../../src/incident/markers.js';
import { type ActionRun, runAction, visibleLog } from '../support/action-runner.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { canaryRolledBack } from './incident-reports.js';

/**
 * The incident bundle when something is wrong: an input (nothing may reach GitHub), GitHub itself
 * (5xx, a secondary rate limit: retried, still exactly one issue), or the token's permissions.
 */

const TOKEN = 'ghs_incidentE2e7f3a9c21';
const READ_ONLY = 'ghs_readOnly51c9e0b7';
let github: GitHubEmulator;
let workspace: string;

beforeEach(async () => {
  github = await startGitHubEmulator({
    tokens: {
      [TOKEN]: { issues: 'write', metadata: 'read' },
      [READ_ONLY]: { issues: 'read', metadata: 'read' },
    },
  });
  workspace = mkdtempSync(join(tmpdir(), 'shipgate-incident-'));
  mkdirSync(join(workspace, '.github'));
  writeFileSync(join(workspace, '.github', 'incident.md'), '# {{title}}\n\nOwner: {{owner}}\n\n{{cause}}\n');
});

afterEach(async () => {
  expect(github.violations()).toEqual([]);
  expect(github.requestViolations()).toEqual([]);
  await github.close();
  rmSync(workspace, { recursive: true, force: true });
});

const REPORT = JSON.stringify(canaryRolledBack());

function incident(inputs: Record<string, string>, token = TOKEN): Promise<ActionRun> {
  return runAction({
    action: 'incident',
    apiUrl: github.url,
    token,
    cwd: workspace,
    inputs,
    env: { GITHUB_JOB: 'incident' },
  });
}

function errorLines(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::error'));
}

function errors(run: ActionRun): string[] {
  return run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

/** The issues shipgate opened: open, with its marker. */
function incidents() {
  return github.state.issues.filter(
    (issue) => issue.state === 'open' && readIncidentMarker(issue.body ?? '') !== undefined,
  );
}

/** Labels exist from an earlier, closed incident, so only the issue itself is written. */
function seedLabels(): void {
  github.seedIssue({
    title: '[SEV-2] api/production: an earlier incident',
    labels: ['incident', 'sev-2'],
    state: 'closed',
  });
}

describe('incident bundle: invalid inputs end the step before anything reaches GitHub', () => {
  it.each([
    [{ action: 'close' }, "incident: input 'action' is 'close'; expected one of open, resolve, remind"],
    [{ severity: 'sev-2' }, "incident: input 'severity' is 'sev-2'; expected one of SEV-1, SEV-2, SEV-3, auto"],
    [{ language: 'kr' }, "incident: input 'language' is 'kr'; expected one of en, ko"],
    [
      { assignees: 'alice, bob smith' },
      "incident: input 'assignees' is 'alice, bob smith'; expected a comma- or newline-separated list of GitHub logins, like alice, @bob",
    ],
    [
      { 'dedup-key': '{service}/{region}' },
      "incident: input 'dedup-key' is '{service}/{region}'; expected a key whose only placeholders are {service} and {environment}",
    ],
    [
      { 'deploy-report': '{"service": "api",' },
      `incident: input 'deploy-report' is '{"service": "api",'; expected the report output of deploy or rollback (not JSON: unexpected end at line 1, column 19)`,
    ],
    [
      { 'deploy-report': '{"service": "api"}' },
      `incident: input 'deploy-report' is '{"service": "api"}'; expected the report output of deploy or rollback (environment is missing; expected a string (it is required))`,
    ],
    [
      { 'github-token': '' },
      "incident: input 'github-token' is missing; expected a token with 'permissions: issues: write' (the default is ${{ github.token }})",
    ],
  ])('rejects %j with one line, exit 1 and no request', async (inputs, message) => {
    const run = await incident({ 'deploy-report': REPORT, ...inputs });
    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toHaveLength(1);
    expect(errors(run)).toEqual([message]);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.stderr).toBe('');
    expect(run.outputs).toEqual({});
    expect(github.requests).toEqual([]);
  });

  it('rejects a template that cannot be read, naming the path it looked at', async () => {
    const run = await incident({ 'deploy-report': REPORT, template: '.github/missing.md' });
    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toHaveLength(1);
    expect(errors(run)[0]).toBe(
      `incident: input 'template' is '.github/missing.md'; expected a readable Markdown file (ENOENT: no such file or directory, open '${join(workspace, '.github', 'missing.md')}')`,
    );
    expect(github.requests).toEqual([]);
  });

  it('rejects a template with an unknown placeholder, naming it and its line', async () => {
    const run = await incident({ 'deploy-report': REPORT, template: '.github/incident.md' });
    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toHaveLength(1);
    expect(errors(run)[0]).toMatch(
      /^incident: input 'template' is '\.github\/incident\.md'; expected a template whose placeholders are all known; \{\{owner\}\} on line 3 is not one of title, severity, /,
    );
    expect(github.requests).toEqual([]);
  });
});

describe('incident bundle: GitHub failures', () => {
  it('retries a 5xx on creating the issue and opens exactly one', async () => {
    seedLabels();
    github.fault({ kind: 'server-error', status: 502, match: { method: 'POST', path: /\/issues$/ }, times: 1 });
    const run = await incident({ 'deploy-report': REPORT });
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ created: 'true', 'action-taken': 'created', 'issue-number': '2' });
    expect(
      github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues')).map((r) => r.status),
    ).toEqual([502, 201]);
    expect(incidents()).toHaveLength(1);
  });

  it('waits out a secondary rate limit on creating the issue and opens exactly one', async () => {
    seedLabels();
    github.fault({
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 1,
      match: { method: 'POST', path: /\/issues$/ },
      times: 1,
    });
    const run = await incident({ 'deploy-report': REPORT });
    expect(errors(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ created: 'true', 'action-taken': 'created' });
    expect(
      github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues')).map((r) => r.status),
    ).toEqual([403, 201]);
    expect(incidents()).toHaveLength(1);
    const warnings = run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual(['GitHub secondary rate limit on POST /repos/{owner}/{repo}/issues; retrying in 1s']);
  });

  it("fails with one line naming 'issues: write' when the token may only read issues, and never shows the token", async () => {
    const run = await incident({ 'deploy-report': REPORT }, READ_ONLY);
    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toHaveLength(1);
    expect(errors(run)[0]).toMatch(
      /^GitHub refused to create the label 'incident' in octo-org\/web \(403: Resource not accessible by integration\b.*\); the workflow's token needs 'permissions: issues: write'$/,
    );
    expect(github.state.issues).toEqual([]);
    expect(github.state.labels).toEqual([]);
    expect(run.masks).toContain(READ_ONLY);
    expect(visibleLog(run)).not.toContain(READ_ONLY);
    expect(run.outputs).toEqual({});
  });

  it('fails in one line, without showing it, when the token is not valid', async () => {
    const run = await incident({ 'deploy-report': REPORT }, 'ghs_revokedToken0000');
    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toHaveLength(1);
    expect(errors(run)[0]).toContain('Bad credentials');
    expect(visibleLog(run)).not.toContain('ghs_revokedToken0000');
    expect(github.state.issues).toEqual([]);
  });
});
