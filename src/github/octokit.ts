/**
 * The one place that builds an Octokit client. It is loaded with a dynamic import by the runtimes, so
 * a run that never talks to GitHub never pays for Octokit at start-up (SPEC §9, B1).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { PermissionError, ShipgateError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface OctokitOptions {
  readonly token: string;
  /** GITHUB_API_URL; the emulator's address in tests. */
  readonly baseUrl: string;
  readonly logger: Logger;
  /** Retries of a 5xx or a rate-limited request before giving up. */
  readonly retries?: number;
}

export function createOctokit(options: OctokitOptions): Octokit {
  const retries = options.retries ?? 3;
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      userAgent: 'shipgate',
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message: string) => options.logger.debug(message),
        error: (message: string) => options.logger.debug(message),
      },
      // 403 and 429 are left to plugin-throttling (rate limits honour retry-after); a 403 that is not a
      // rate limit is a missing permission, which no retry mends. 409 is a conflict, not a fault.
      retry: { retries, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          options.logger.warning(`GitHub rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
          return retryCount < retries;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          options.logger.warning(
            `GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`,
          );
          return retryCount < retries;
        },
      },
    },
    retry,
    throttling,
  );
}

/**
 * Turns a 403/404 that means "this token may not" into a PermissionError naming the permission the
 * workflow must grant, e.g. `statuses: write`, and a 401 into one line saying the token is invalid or
 * revoked (GitHub's own text, "Bad credentials", names neither). Anything else is returned as it was.
 */
export function explainGitHubError(error: unknown, permission: string, what: string): unknown {
  const status = (error as { status?: number } | null)?.status;
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (status === 401) {
    return new ShipgateError(
      'github-token-invalid',
      // Octokit appends GitHub's documentation URL to the message; the line keeps only what GitHub said.
      `GitHub refused to ${what}: the token is invalid or revoked (401: ${firstLine(message).replace(/ - https?:\/\/\S+$/, '')}); check the github-token input`,
      { cause: error },
    );
  }
  const secondary = /secondary rate limit|rate limit exceeded/i.test(message);
  if ((status === 403 && !secondary) || (status === 404 && /not accessible|not found/i.test(message))) {
    return new PermissionError(
      permission,
      `GitHub refused to ${what} (${status}: ${firstLine(message)}); the workflow's token needs 'permissions: ${permission}'`,
      { cause: error },
    );
  }
  return error;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.slice(0, 200) ?? '';
}
