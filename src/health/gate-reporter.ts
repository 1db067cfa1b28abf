/**
 * Where a health gate's verdict goes on GitHub: a commit status and one sticky pull request comment.
 * The Octokit implementation is src/github/github-gate-reporter.ts; tests use the GitHub emulator.
 */
export interface GateReporter {
  setCommitStatus(status: {
    readonly sha: string;
    readonly state: 'pending' | 'success' | 'failure' | 'error';
    readonly context: string;
    readonly description: string;
    readonly targetUrl?: string;
  }): Promise<void>;
  /** Updates the comment that carries `marker`, or creates it; returns its URL. */
  upsertComment(
    issueNumber: number,
    marker: string,
    body: string,
  ): Promise<{ readonly url: string; readonly created: boolean }>;
}
