import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const out = mkdtempSync(join(tmpdir(), 'shipgate-dist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the committed dist/', () => {
  it('is exactly what npm run build makes from the source', () => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--out', out], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
    const built = files(out)
      .map((path) => relative(out, path))
      .sort();
    const committed = files(join(repoRoot, 'dist'))
      .map((path) => relative(join(repoRoot, 'dist'), path))
      .sort();
    expect(committed, 'files in dist/ (run npm run build and commit dist/)').toEqual(built);
    const stale = built.filter(
      (path) => !readFileSync(join(out, path)).equals(readFileSync(join(repoRoot, 'dist', path))),
    );
    expect(stale, 'bundles that differ from a fresh build (run npm run build and commit dist/)').toEqual([]);
  }, 180_000);

  it('bundles the vendored zod that the source asks for (vendor/zod-mini.js is fresh)', () => {
    // scripts/vendor.mjs --check regenerates it in memory from src/'s zod calls and exits 1 on a difference.
    expect(() =>
      execFileSync(process.execPath, [join(repoRoot, 'scripts', 'vendor.mjs'), '--check'], {
        cwd: repoRoot,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});
