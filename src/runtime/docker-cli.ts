import type { DockerCli, DockerResult } from '../target/swarm-driver.js';

/** Extra time after the bound for the CLI to exit on SIGTERM before coreutils' timeout sends SIGKILL. */
const KILL_AFTER = '5s';
/** coreutils timeout's exit codes for a command it stopped (124) or killed (137). */
const TIMED_OUT_CODES = new Set([124, 137]);

/**
 * The DockerCli port over `@actions/exec`: `getExecOutput` of the configured docker binary with the
 * arguments as an array — never a shell string. @actions/exec has no time bound, so every call runs
 * under coreutils' `timeout` (Swarm managers are Linux): a hung daemon socket ends the call, not the run.
 * @actions/exec is loaded on the first call, so runs with the command driver never load it.
 */
export function createExecDockerCli(docker: string, options: { env?: Record<string, string> } = {}): DockerCli {
  return {
    async run(args, { timeoutMs }): Promise<DockerResult> {
      const { getExecOutput } = await import('@actions/exec');
      const seconds = `${Math.max(1, Math.ceil(timeoutMs / 1000))}s`;
      let result: Awaited<ReturnType<typeof getExecOutput>>;
      try {
        result = await getExecOutput('timeout', [`--kill-after=${KILL_AFTER}`, seconds, docker, ...args], {
          ignoreReturnCode: true,
          silent: true,
          ...(options.env ? { env: options.env } : {}),
        });
      } catch (error) {
        // `timeout` itself is missing: reported like a docker CLI that cannot be run (exit 127).
        return {
          exitCode: 127,
          stdout: '',
          stderr: `failed to run command 'timeout': ${String(error)}`,
          timedOut: false,
        };
      }
      return {
        exitCode: result.exitCode,
        stdout: result.stdout,
        stderr: result.stderr,
        timedOut: TIMED_OUT_CODES.has(result.exitCode),
      };
    },
  };
}
