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
  /**
   * False when someone other than the token's identity wrote it: its markers are not trusted (anyone
   * can paste one). Absent means written by us (fakes, and what `addComment` returns).
   */
  readonly mine?: boolean;
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
  /** Open issues (never pull requests) that carry `label` and that the token's identity opened, every page. */
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

/**
 * The port with every title and body passed through `hide` before it is written: issue bodies leave
 * the process, so the run's secrets are masked in them like in the log (SPEC §10).
 */
export function maskedIssuePort(port: IssuePort, hide: (text: string) => string): IssuePort {
  const maybe = (text: string | undefined) => (text === undefined ? undefined : hide(text));
  // Every method by name: a class-based port keeps its methods on the prototype, which a spread drops.
  return {
    listOpenIssues: (label) => port.listOpenIssues(label),
    listComments: (issueNumber) => port.listComments(issueNumber),
    createIssue: (issue) => port.createIssue({ ...issue, title: hide(issue.title), body: hide(issue.body) }),
    updateIssue: (issueNumber, changes) => {
      const title = maybe(changes.title);
      const body = maybe(changes.body);
      return port.updateIssue(issueNumber, {
        ...changes,
        ...(title !== undefined ? { title } : {}),
        ...(body !== undefined ? { body } : {}),
      });
    },
    updateComment: (commentId, body) => port.updateComment(commentId, hide(body)),
    addComment: (issueNumber, body) => port.addComment(issueNumber, hide(body)),
    closeIssue: (issueNumber) => port.closeIssue(issueNumber),
    addAssignees: (issueNumber, assignees) => port.addAssignees(issueNumber, assignees),
    ensureLabels: (labels) => port.ensureLabels(labels),
  };
}
