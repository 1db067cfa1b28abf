import type { Octokit } from './octokit.js';

/**
 * Who the token writes as, so that markers (the sticky comment, the incident dedup and per-run
 * markers) are trusted only on comments and issues that identity wrote (SPEC §10): anyone can paste a
 * marker into a comment of their own.
 *
 * `GET /user` answers for a personal token; for an installation token (GITHUB_TOKEN, a GitHub App's
 * token) GitHub answers 403 "Resource not accessible by integration", and GITHUB_TOKEN writes as
 * `github-actions[bot]`. GraphQL `viewer` is no way round it: it refuses installation tokens the same
 * way. So a 403 means `github-actions[bot]`; another App's token is then trusted with nothing it
 * wrote (shipgate opens a new comment or issue instead of adopting one), which fails safe. Decided in
 * docs/security.md.
 */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export async function tokenIdentity(octokit: Octokit): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    if ((error as { status?: number } | null)?.status === 403) return ACTIONS_BOT_LOGIN;
    throw error;
  }
}

/** `tokenIdentity`, asked once per client however many lists need it. */
export function identityOnce(octokit: Octokit): () => Promise<string> {
  let identity: Promise<string> | undefined;
  return () => {
    identity ??= tokenIdentity(octokit);
    return identity;
  };
}

/** Whether a GitHub user object (an issue's or a comment's `user`) is `login`. GitHub logins ignore case. */
export function writtenBy(user: { login?: string } | null | undefined, login: string): boolean {
  return (user?.login ?? '').toLowerCase() === login.toLowerCase();
}
