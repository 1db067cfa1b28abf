/** Types of workflow-lint.mjs, a plain ESM script shared by `npm run lint` and the tests. */
export interface WorkflowFinding {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}
export interface WorkflowLintException {
  readonly file: string;
  readonly kind: string;
  readonly message: RegExp;
}
export declare const EXCEPTIONS: readonly WorkflowLintException[];
export declare function isException(finding: WorkflowFinding): boolean;
/** Lints the given workflow files (default: every file in .github/workflows) and returns the findings left. */
export declare function lintWorkflows(paths?: readonly string[]): Promise<WorkflowFinding[]>;
