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

/**
 * A reporter whose every body passes through `mask` first: a response body that echoes a header value,
 * quoted in a reason, must not reach a commit status or a comment (SPEC §10: masking covers everything
 * that leaves the process). The marker is ours and is left as it is.
 */
export function maskedGateReporter(reporter: GateReporter, mask: { hide(text: string): string }): GateReporter {
  return {
    setCommitStatus: (status) => reporter.setCommitStatus({ ...status, description: mask.hide(status.description) }),
    upsertComment: (issueNumber, marker, body) => reporter.upsertComment(issueNumber, marker, mask.hide(body)),
  };
}
