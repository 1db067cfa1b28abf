#!/usr/bin/env node
// Bundles each action that has an action.yml (with its post entry, if any) and the CLI with @vercel/ncc.
// Type checking is `npm run typecheck`; the bundler only transpiles, so one file's type error elsewhere
// in the tree cannot stop a bundle from building.
// Usage: node scripts/build.mjs [--out DIR]   (default DIR: dist). The check-dist test builds into a
// temporary directory and compares it with the committed dist/.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'dist'));
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const entries = [];
for (const name of readdirSync(join(root, 'actions')).sort()) {
  const dir = join(root, 'actions', name);
  if (!existsSync(join(dir, 'action.yml'))) continue;
  entries.push({ name, file: join(dir, 'main.ts') });
  if (existsSync(join(dir, 'post.ts'))) entries.push({ name: `${name}/post`, file: join(dir, 'post.ts') });
}
if (existsSync(join(root, 'src', 'cli', 'main.ts')))
  entries.push({ name: 'cli', file: join(root, 'src', 'cli', 'main.ts') });

// Bundles go to a staging folder first and replace dist/ only when every one built, so a failed
// build never leaves dist/ half empty.
const staging = mkdtempSync(join(tmpdir(), 'shipgate-build-'));

function bundle(entry) {
  const target = join(staging, entry.name);
  const args = [
    ncc,
    'build',
    entry.file,
    '-o',
    target,
    // Not minified: under Node 24 a minified bundle starts slower (the floor of SPEC §9 B1 took 63 ms
    // minified against 55 ms as ncc writes it; the healthcheck 87 ms against 70 ms), and an unminified
    // one gives readable stack traces. Measured again for issue #17 (CPU medians of 20 alternating
    // runs): floor 68.0 ms minified against 62.5, healthcheck 89.5 against 82.0, deploy dry run 100.5
    // against 91.0. ncc's minify only mangles (terser with compress off), so it removes no dead code.
    '--transpile-only',
    '--no-source-map-register',
    '--quiet',
    '--target',
    'es2022',
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code) =>
      code === 0 ? done(entry.name) : fail(new Error(`ncc failed for ${entry.name} (exit ${code})`)),
    );
  });
}

const queue = [...entries];
const workers = Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, async () => {
  for (let entry = queue.shift(); entry; entry = queue.shift()) console.log(`built ${await bundle(entry)}`);
});
try {
  await Promise.all(workers);
  mkdirSync(out, { recursive: true });
  // Top-level folders only: a post entry's folder lives inside its action's folder.
  for (const name of new Set(entries.map((entry) => entry.name.split('/')[0]))) {
    rmSync(join(out, name), { recursive: true, force: true });
    cpSync(join(staging, name), join(out, name), { recursive: true });
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}
