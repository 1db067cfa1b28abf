import { readFile } from 'node:fs/promises';
import { systemClock } from '../core/clock.js';
import { workspaceFile } from '../core/workspace-path.js';
import type { IncidentAdapters } from '../incident/incident-action.js';

/** The incident action's real adapters: the workspace's files, and the repository's issues through Octokit. */
export function incidentAdapters(): IncidentAdapters {
  return {
    clock: systemClock,
    // A relative path is the workspace's, wherever the step runs; one outside it is refused (SPEC §10).
    readFile: async (path, workspace) =>
      readFile(
        workspaceFile('template', path, workspace, { scope: 'incident', example: '.github/incident.md' }),
        'utf8',
      ),
    async issues(options) {
      const { createGitHubIssues } = await import('../github/github-issues.js');
      return createGitHubIssues(options);
    },
    async http() {
      const { createNodeHttpClient } = await import('../health/http-client.js');
      return createNodeHttpClient();
    },
  };
}
