import type { CommentRecord, IssuePort, IssueRecord, LabelSpec, NewIssue } from '../../src/incident/issue-port.js';

interface StoredIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  createdAt: string;
  state: 'open' | 'closed';
  stateReason?: string;
  pullRequest: boolean;
  comments: CommentRecord[];
}

/**
 * GitHub issues in memory, for the incident engine's unit tests. Times come from `now` (a fake clock);
 * `calls` counts requests by method so a test can say "paginated" or "made no write".
 */
export class FakeIssues implements IssuePort {
  readonly issues: StoredIssue[] = [];
  readonly labels = new Map<string, LabelSpec>();
  readonly calls: string[] = [];
  private nextNumber = 1;
  private nextComment = 1000;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Puts an issue in place as if someone (or an earlier run) had made it. */
  seed(issue: Partial<StoredIssue> & { title: string }): StoredIssue {
    const stored: StoredIssue = {
      number: this.nextNumber++,
      body: '',
      labels: [],
      assignees: [],
      createdAt: new Date(this.now()).toISOString(),
      state: 'open',
      pullRequest: false,
      comments: [],
      ...issue,
    };
    this.issues.push(stored);
    return stored;
  }

  get(issueNumber: number): StoredIssue {
    const issue = this.issues.find((i) => i.number === issueNumber);
    if (!issue) throw Object.assign(new Error('Not Found'), { status: 404 });
    return issue;
  }

  get writes(): string[] {
    return this.calls.filter((call) => !call.startsWith('list'));
  }

  private view(issue: StoredIssue): IssueRecord {
    return {
      number: issue.number,
      url: `https://github.example/o/r/issues/${issue.number}`,
      title: issue.title,
      body: issue.body,
      labels: [...issue.labels],
      assignees: [...issue.assignees],
      createdAt: issue.createdAt,
    };
  }

  async listOpenIssues(label: string): Promise<IssueRecord[]> {
    this.calls.push('listOpenIssues');
    return this.issues
      .filter(
        (i) => i.state === 'open' && !i.pullRequest && i.labels.some((l) => l.toLowerCase() === label.toLowerCase()),
      )
      .map((i) => this.view(i));
  }

  async listComments(issueNumber: number): Promise<CommentRecord[]> {
    this.calls.push('listComments');
    return [...this.get(issueNumber).comments];
  }

  async createIssue(issue: NewIssue): Promise<IssueRecord> {
    this.calls.push('createIssue');
    const missing = issue.labels.filter((l) => !this.labels.has(l.toLowerCase()));
    if (missing.length > 0) throw new Error(`labels not created first: ${missing.join(', ')}`);
    return this.view(this.seed({ title: issue.title, body: issue.body, labels: [...issue.labels] }));
  }

  async updateIssue(
    issueNumber: number,
    changes: { title?: string; body?: string; labels?: readonly string[] },
  ): Promise<void> {
    this.calls.push('updateIssue');
    const issue = this.get(issueNumber);
    if (changes.title !== undefined) issue.title = changes.title;
    if (changes.body !== undefined) issue.body = changes.body;
    if (changes.labels !== undefined) issue.labels = [...changes.labels];
  }

  async updateComment(commentId: number, body: string): Promise<void> {
    this.calls.push('updateComment');
    const comment = this.issues.flatMap((issue) => issue.comments).find((c) => c.id === commentId);
    if (!comment) throw Object.assign(new Error('Not Found'), { status: 404 });
    Object.assign(comment, { body });
  }

  async closeIssue(issueNumber: number): Promise<void> {
    this.calls.push('closeIssue');
    const issue = this.get(issueNumber);
    issue.state = 'closed';
    issue.stateReason = 'completed';
  }

  async addComment(issueNumber: number, body: string): Promise<CommentRecord> {
    this.calls.push('addComment');
    const id = this.nextComment++;
    const comment = {
      id,
      url: `https://github.example/o/r/issues/${issueNumber}#issuecomment-${id}`,
      body,
      createdAt: new Date(this.now()).toISOString(),
    };
    this.get(issueNumber).comments.push(comment);
    return comment;
  }

  async addAssignees(issueNumber: number, assignees: readonly string[]): Promise<void> {
    this.calls.push('addAssignees');
    const issue = this.get(issueNumber);
    issue.assignees = [...new Set([...issue.assignees, ...assignees])];
  }

  async ensureLabels(labels: readonly LabelSpec[]): Promise<void> {
    this.calls.push('ensureLabels');
    for (const label of labels)
      if (!this.labels.has(label.name.toLowerCase())) this.labels.set(label.name.toLowerCase(), label);
  }
}
