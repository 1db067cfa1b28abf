import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

describe('the per-action reference', () => {
  it('is generated from the current action.yml files (npm run docs)', () => {
    expect(() =>
      execFileSync(process.execPath, [join(repoRoot, 'scripts', 'gen-docs.mjs'), '--check'], {
        cwd: repoRoot,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});
