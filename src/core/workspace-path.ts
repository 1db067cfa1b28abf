import type * as Fs from 'node:fs';
import type * as Path from 'node:path';
import { InputError } from './errors.js';

/**
 * SPEC §10: `config` and `template` paths stay inside the workspace. A path is refused when it climbs
 * out with `..`, is absolute outside the workspace, or is a symbolic link that leads out; what it names
 * is read only after that, so `config: /etc/passwd` never reaches a parser that might quote it.
 */
export function workspaceFile(
  input: string,
  path: string,
  workspace: string,
  options: { readonly scope: string; readonly example: string },
): string {
  const node = nodeModules();
  const root = node.path.resolve(workspace);
  const file = node.path.resolve(root, path);
  const expected = `a path inside the workspace, like ${options.example}`;
  if (!inside(node.path, root, file)) throw new InputError(input, path, expected, { scope: options.scope });
  // A link inside the workspace may point out of it; what does not exist yet is left to the reader.
  const real = realOrUndefined(node.fs, file);
  const realRoot = realOrUndefined(node.fs, root) ?? root;
  if (real !== undefined && !inside(node.path, realRoot, real)) {
    throw new InputError(input, path, `${expected} (it links out of the workspace)`, { scope: options.scope });
  }
  return file;
}

function inside(path: typeof Path, root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realOrUndefined(fs: typeof Fs, file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/** node:fs and node:path through getBuiltinModule: no import graph to evaluate at start-up (SPEC §9, B1). */
function nodeModules(): { fs: typeof Fs; path: typeof Path } {
  return {
    fs: process.getBuiltinModule('node:fs') as typeof Fs,
    path: process.getBuiltinModule('node:path') as typeof Path,
  };
}
