import type { Logger } from '../core/logger.js';
import type { GateReporter } from '../health/gate-reporter.js';
import { createOctokit, explainGitHubError } from './octokit.js';

/** Commit statuses and the sticky pull request comment, through Octokit. */
export function createGitHubGateReporter(options: {
  readonly token: string;
  readonly baseUrl: string;
  readonly owner: string;
  readonly repo: string;
  readonly logger: Logger;
}): GateReporter {
  const octokit = createOctokit(options);
  const { owner, repo } = options;
  return {
    async setCommitStatus(status) {
      try {
        await octokit.rest.repos.createCommitStatus({
          owner,
          repo,
          sha: status.sha,
          state: status.state,
          context: status.context,
          description: status.description,
          ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
        });
      } catch (error) {
        throw explainGitHubError(error, 'statuses: write', `set the commit status on ${status.sha.slice(0, 12)}`);
      }
    },
    async upsertComment(issueNumber, marker, body) {
      try {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: issueNumber,
          per_page: 100,
        });
        const existing = comments.find((comment) => comment.body?.includes(marker));
        if (existing) {
          const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
          return { url: data.html_url, created: false };
        }
        const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
        return { url: data.html_url, created: true };
      } catch (error) {
        throw explainGitHubError(error, 'pull-requests: write', `comment on pull request #${issueNumber}`);
      }
    },
  };
}
