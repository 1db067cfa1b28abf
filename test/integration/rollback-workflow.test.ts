import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { incidentMarker } from '../../src/incident/markers.js';
import { type GitHubEmulator, startGitHubEmulator } from '../support/github-emulator/index.js';
import { allJobs, runWorkflow } from '../support/workflow-runner.js';

// rollback.yml's last step, run as GitHub runs it (test/support/workflow-runner.ts, the GitHub emulator):
// it finds the open incident of the service/environment by shipgate's marker, which holds double quotes,
// in an issue its token's identity wrote, and comments there — and only there.

let dir: string;
let github: GitHubEmulator;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipgate-rollback-wf-'));
  github = await startGitHubEmulator();
});
afterEach(async () => {
  expect(github.violations()).toEqual([]);
  await github.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rollback.yml', () => {
  it('comments on the open incident of the service it rolled back, found by its quoted marker', async () => {
    const incident = (service: string, user?: string) =>
      github.seedIssue({
        title: `[SEV-2] ${service}/production: deploy 1.4.2 failed`,
        labels: ['incident', 'sev-2'],
        body: `## Impact\n\n…\n\n${incidentMarker(`${service}/production`)}`,
        ...(user ? { user } : {}),
      });
    // Someone else's issue carrying api's marker, older than ours: not an incident shipgate opened.
    const planted = incident('api', 'mallory');
    const other = incident('web');
    const api = incident('api');
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    const config = {
      version: 1,
      services: {
        api: {
          environments: {
            production: {
              strategy: 'rolling',
              target: { kind: 'command', deploy: 'true', instances: ['127.0.0.1:9'] },
              health: { url: 'http://{address}/health' },
            },
          },
        },
      },
    };
    writeFileSync(join(dir, '.github', 'shipgate.yml'), stringify(config));
    const workflow = join(dir, '.github', 'workflows', 'rollback.yml');
    writeFileSync(
      workflow,
      stringify({
        on: { workflow_dispatch: {} },
        permissions: {},
        jobs: {
          rollback: {
            permissions: { contents: 'read', deployments: 'write', issues: 'write' },
            uses: 'shipgate/shipgate/.github/workflows/rollback.yml@v1',
            with: { service: 'api', environment: 'production', reason: 'checkout errors' },
          },
        },
      }),
    );
    const run = await runWorkflow({
      workflow,
      workspace: dir,
      apiUrl: github.url,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    });
    const steps = allJobs(run).flatMap((job) => job.steps);
    const comment = steps.find((step) => step.name === 'Comment on the open incident');
    // Nothing earlier to roll back to: the rollback fails, and says so on the incident.
    expect(run.jobs.rollback?.outputs.result).toBe('failed');
    expect(comment?.outcome, comment?.log).toBe('success');
    const comments = github.state.comments.filter((c) => c.issue_number === api.number);
    expect(comments.map((c) => c.body)).toEqual([expect.stringContaining('**Manual rollback** (failed)')]);
    expect(comments[0]?.body).toContain('Reason: checkout errors');
    expect(github.state.comments.filter((c) => c.issue_number === other.number)).toEqual([]);
    expect(github.state.comments.filter((c) => c.issue_number === planted.number)).toEqual([]);
  });
});
