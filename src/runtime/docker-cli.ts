import type { ToolRunner } from '../core/command-runner.js';
import { errorMessage } from '../core/errors.js';
import type { DockerCli, DockerResult } from '../target/swarm-service.js';
import { createToolRunner } from './tool-runner.js';

/**
 * The DockerCli port on the ToolRunner (src/runtime/tool-runner.ts): the configured docker binary with the
 * arguments as an array — never a shell string — bounded by coreutils `timeout`, so a hung daemon socket
 * ends the call, not the run. A failing call is a result, never a rejection: the driver says what it means.
 */
export function createExecDockerCli(docker: string, runner: ToolRunner = createToolRunner()): DockerCli {
  return {
    async run(args, { timeoutMs }): Promise<DockerResult> {
      try {
        const result = await runner.run({ tool: docker, args, timeoutMs });
        return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut };
      } catch (error) {
        // `timeout` itself could not be started: reported like a docker CLI that cannot be run (exit 127).
        return { exitCode: 127, stdout: '', stderr: errorMessage(error), timedOut: false };
      }
    },
  };
}
