#!/usr/bin/env node
// Type checking is `npm run typecheck`; the bundler only transpiles.
// Bundles each action that has an action.yml (and the CLI, once it exists) with @vercel/ncc.
// Usage: node scripts/build.mjs [--out DIR]   (default DIR: dist). The check-dist test builds into a
// temporary directory and compares it with the committed dist/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
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
if (existsSync(join(root, 'src', 'cli', 'main.ts'))) entries.push({ name: 'cli', file: join(root, 'src', 'cli', 'main.ts') });

mkdirSync(out, { recursive: true });
for (const entry of entries) {
  const target = join(out, entry.name);
  rmSync(target, { recursive: true, force: true });
  execFileSync(process.execPath, [ncc, 'build', entry.file, '-o', target, '--minify', '--transpile-only', '--no-source-map-register', '--quiet', '--target', 'es2022'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  console.log(`built ${entry.name}`);
}
