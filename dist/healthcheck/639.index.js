export const id = 639;
export const ids = [639];
export const modules = {

/***/ 1639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubGateReporter: () => (/* binding */ createGitHubGateReporter)
});

;// CONCATENATED MODULE: ./src/github/identity.ts
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
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
async function tokenIdentity(octokit) {
    try {
        const { data } = await octokit.rest.users.getAuthenticated();
        return data.login;
    }
    catch (error) {
        if (error?.status === 403)
            return ACTIONS_BOT_LOGIN;
        throw error;
    }
}
/** `tokenIdentity`, asked once per client however many lists need it. */
function identityOnce(octokit) {
    let identity;
    return () => {
        identity ??= tokenIdentity(octokit);
        return identity;
    };
}
/** Whether a GitHub user object (an issue's or a comment's `user`) is `login`. GitHub logins ignore case. */
function writtenBy(user, login) {
    return (user?.login ?? '').toLowerCase() === login.toLowerCase();
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(5555);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/github/octokit.ts
/**
 * The one place that builds an Octokit client. It is loaded with a dynamic import by the runtimes, so
 * a run that never talks to GitHub never pays for Octokit at start-up (SPEC §9, B1).
 */





function createOctokit(options) {
    const retries = options.retries ?? 3;
    return (0,github/* getOctokit */.Q)(options.token, {
        baseUrl: options.baseUrl.replace(/\/+$/, ''),
        userAgent: 'shipgate',
        // Octokit's own options object replaces @actions/github's `request` defaults whole: keep its agent.
        request: { ...utils/* defaults */.NT.request, fetch: unreachableAware(utils/* defaults */.NT.request?.fetch, options.baseUrl) },
        log: {
            debug: () => undefined,
            info: () => undefined,
            warn: (message) => options.logger.debug(message),
            error: (message) => options.logger.debug(message),
        },
        // 403 and 429 are left to plugin-throttling (rate limits honour retry-after); a 403 that is not a
        // rate limit is a missing permission, which no retry mends. 409 is a conflict, not a fault.
        retry: { retries, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
        throttle: {
            onRateLimit: (retryAfter, request, _octokit, retryCount) => {
                options.logger.warning(`GitHub rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
                return retryCount < retries;
            },
            onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
                options.logger.warning(`GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
                return retryCount < retries;
            },
        },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}
/**
 * A fetch that turns "the API cannot be reached" (ECONNREFUSED, an unknown host, a TLS failure) into one
 * GitHubUnreachableError naming the URL and the network error. @octokit/request would make it a
 * RequestError with status 500, which plugin-retry retries for 14 s, and whose message may be empty
 * (an unknown host); no retry mends a closed port.
 */
function unreachableAware(fetch, baseUrl) {
    const inner = fetch ?? globalThis.fetch;
    return async (input, init) => {
        try {
            return await inner(input, init);
        }
        catch (error) {
            if (error?.name === 'AbortError')
                throw error;
            throw new GitHubUnreachableError(baseUrl, error);
        }
    };
}
/** The GitHub API could not be reached at all: one line with the URL and the network error's code and text. */
class GitHubUnreachableError extends errors/* ShipgateError */.Yu {
    constructor(baseUrl, cause) {
        super('github-unreachable', `could not reach the GitHub API at ${baseUrl}: ${networkError(cause)}`, { cause });
        // @octokit/request passes an error named AbortError through as it is, without wrapping it into a
        // retryable 500; this name is what keeps a closed port from 14 s of retries.
        this.name = 'AbortError';
    }
}
/** `ECONNREFUSED 127.0.0.1:9 (connect ECONNREFUSED 127.0.0.1:9)`, from fetch's TypeError and its cause(s). */
function networkError(error) {
    const cause = error?.cause ?? error;
    const parts = cause instanceof AggregateError ? cause.errors : [cause];
    const texts = parts.map((part) => {
        const { code, message } = (part ?? {});
        const text = typeof message === 'string' && message.trim() !== '' ? message.trim() : '';
        return [typeof code === 'string' ? code : '', text].filter(Boolean).join(': ');
    });
    const shown = [...new Set(texts.filter(Boolean))].join('; ');
    return shown || `${(0,errors/* errorMessage */.gJ)(error) || 'network error'}`;
}
/**
 * Turns a 403/404 that means "this token may not" into a PermissionError naming the permission the
 * workflow must grant, e.g. `statuses: write`, and a 401 into one line saying the token is invalid or
 * revoked (GitHub's own text, "Bad credentials", names neither). Anything else is returned as it was.
 */
function explainGitHubError(error, permission, what) {
    const status = error?.status;
    const message = error?.message ?? String(error);
    if (status === 401) {
        return new errors/* ShipgateError */.Yu('github-token-invalid', 
        // Octokit appends GitHub's documentation URL to the message; the line keeps only what GitHub said.
        `GitHub refused to ${what}: the token is invalid or revoked (401: ${firstLine(message).replace(/ - https?:\/\/\S+$/, '')}); check the github-token input`, { cause: error });
    }
    const secondary = /secondary rate limit|rate limit exceeded/i.test(message);
    if ((status === 403 && !secondary) || (status === 404 && /not accessible|not found/i.test(message))) {
        return new errors/* PermissionError */.i_(permission, `GitHub refused to ${what} (${status}: ${firstLine(message)}); the workflow's token needs 'permissions: ${permission}'`, { cause: error });
    }
    return error;
}
function firstLine(text) {
    return text.split('\n')[0]?.slice(0, 200) ?? '';
}

;// CONCATENATED MODULE: ./src/github/github-gate-reporter.ts


/** Commit statuses and the sticky pull request comment, through Octokit. */
function createGitHubGateReporter(options) {
    const octokit = createOctokit(options);
    const identity = identityOnce(octokit);
    const { owner, repo } = options;
    return {
        async setCommitStatus(status) {
            try {
                await octokit.rest.repos.createCommitStatus({
                    owner,
                    repo,
                    sha: status.sha,
                    state: status.state,
                    context: status.context,
                    description: status.description,
                    ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
                });
            }
            catch (error) {
                throw explainGitHubError(error, 'statuses: write', `set the commit status on ${status.sha.slice(0, 12)}`);
            }
        },
        async upsertComment(issueNumber, marker, body) {
            try {
                const comments = await octokit.paginate(octokit.rest.issues.listComments, {
                    owner,
                    repo,
                    issue_number: issueNumber,
                    per_page: 100,
                });
                // Only a comment this token wrote is the sticky one: another user may paste the marker.
                const self = await identity();
                const existing = comments.find((comment) => writtenBy(comment.user, self) && comment.body?.includes(marker));
                if (existing) {
                    const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
                    return { url: data.html_url, created: false };
                }
                const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
                return { url: data.html_url, created: true };
            }
            catch (error) {
                throw explainGitHubError(error, 'pull-requests: write', `comment on pull request #${issueNumber}`);
            }
        },
    };
}


/***/ })

};
