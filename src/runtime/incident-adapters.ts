import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { systemClock } from '../core/clock.js';
import type { IncidentAdapters } from '../incident/incident-action.js';

/** The incident action's real adapters: the workspace's files, and the repository's issues through Octokit. */
export function incidentAdapters(): IncidentAdapters {
  return {
    clock: systemClock,
    // A relative path is the workspace's, wherever the step runs; an error shows where it looked.
    readFile: (path, workspace) => readFile(resolve(workspace, path), 'utf8'),
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
