import { describe, expect, it } from 'vitest';
import { PermissionError, ShipgateError } from '../../../src/core/errors.js';
import { explainGitHubError } from '../../../src/github/octokit.js';

const httpError = (status: number, message: string) => Object.assign(new Error(message), { status });

describe('explainGitHubError', () => {
  it('names a 401 as an invalid or revoked token, in one line', () => {
    const error = explainGitHubError(
      httpError(401, 'Bad credentials - https://docs.github.com/rest'),
      'issues: write',
      'create an issue in a/b',
    );
    expect(error).toBeInstanceOf(ShipgateError);
    expect((error as ShipgateError).code).toBe('github-token-invalid');
    expect((error as Error).message).toBe(
      'GitHub refused to create an issue in a/b: the token is invalid or revoked (401: Bad credentials); check the github-token input',
    );
  });

  it('names the permission a 403 needs', () => {
    const error = explainGitHubError(httpError(403, 'Resource not accessible by integration'), 'issues: write', 'x');
    expect(error).toBeInstanceOf(PermissionError);
  });

  it('leaves a 5xx as it was', () => {
    const original = httpError(502, 'Bad Gateway');
    expect(explainGitHubError(original, 'issues: write', 'x')).toBe(original);
  });
});
