/**
 * The GitHub issues an incident lives in, as a port: the Octokit one is `src/github/github-issues.ts`,
 * tests use `test/support/fake-issues.ts`. Every list returns all pages. Times are ISO 8601 strings.
 */
export interface IssueRecord {
  readonly number: number;
  /** The issue's web page (`html_url`). */
  readonly url: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  /** Logins, without `@`. */
  readonly assignees: readonly string[];
  readonly createdAt: string;
}

export interface CommentRecord {
  readonly id: number;
  readonly url: string;
  readonly body: string;
  readonly createdAt: string;
}

export interface LabelSpec {
  readonly name: string;
  /** Six hex digits, no `#`. */
  readonly color: string;
  readonly description: string;
}

export interface NewIssue {
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
}

export interface IssuePort {
  /** Open issues (never pull requests) that carry `label`, every page. */
  listOpenIssues(label: string): Promise<IssueRecord[]>;
  /** All comments of an issue, oldest first, every page. */
  listComments(issueNumber: number): Promise<CommentRecord[]>;
  createIssue(issue: NewIssue): Promise<IssueRecord>;
  /** Replaces the title, the body and/or the whole label set. */
  updateIssue(
    issueNumber: number,
    changes: { readonly title?: string; readonly body?: string; readonly labels?: readonly string[] },
  ): Promise<void>;
  /** Replaces a comment's body. */
  updateComment(commentId: number, body: string): Promise<void>;
  /** Closes as completed (`state_reason: completed`). */
  closeIssue(issueNumber: number): Promise<void>;
  addComment(issueNumber: number, body: string): Promise<CommentRecord>;
  /** Adds to the assignees; users who cannot be assigned are ignored, as GitHub does. */
  addAssignees(issueNumber: number, assignees: readonly string[]): Promise<void>;
  /** Creates the labels that do not exist yet; existing ones are left as they are. */
  ensureLabels(labels: readonly LabelSpec[]): Promise<void>;
}
