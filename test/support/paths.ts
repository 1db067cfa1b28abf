import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Node 24 from the npm registry (devDependency `node@24`): the runtime `runs.using: node24` names. */
export const node24 = join(repoRoot, 'node_modules', 'node', 'bin', 'node');
