import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { node24, repoRoot } from './paths.js';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The committed CLI (`dist/cli/index.js`) under Node 24, as an operator runs it: no TTY, its output kept. */
export function runCli(
  args: readonly string[],
  options: { readonly cwd: string; readonly env: Readonly<Record<string, string>> },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(node24, [join(repoRoot, 'dist', 'cli', 'index.js'), ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
