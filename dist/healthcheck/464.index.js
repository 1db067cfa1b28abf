export const id = 464;
export const ids = [464];
export const modules = {

/***/ 8464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubGateReporter: () => (/* binding */ createGitHubGateReporter)
});

// EXTERNAL MODULE: ../main/node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(7502);
// EXTERNAL MODULE: ../main/node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(2743);
// EXTERNAL MODULE: ../main/node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(4808);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(7406);
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
                const existing = comments.find((comment) => comment.body?.includes(marker));
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
