export const id = 111;
export const ids = [111];
export const modules = {

/***/ 1111:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubIssues: () => (/* binding */ createGitHubIssues)
});

// UNUSED EXPORTS: gitHubIssues

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ../main/node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(7502);
// EXTERNAL MODULE: ../main/node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(2743);
// EXTERNAL MODULE: ../main/node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(4808);
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

;// CONCATENATED MODULE: ./src/github/github-issues.ts


const PERMISSION = 'issues: write';
/** The incident engine's issues, through Octokit (retrying 5xx and rate limits). */
function createGitHubIssues(options) {
    return gitHubIssues(createOctokit(options), options.owner, options.repo);
}
function toIssue(raw) {
    return {
        number: raw.number,
        url: raw.html_url,
        title: raw.title,
        body: raw.body ?? '',
        labels: raw.labels.flatMap((label) => {
            const name = typeof label === 'string' ? label : label.name;
            return name ? [name] : [];
        }),
        assignees: (raw.assignees ?? []).flatMap((user) => (user ? [user.login] : [])),
        createdAt: raw.created_at,
    };
}
function toComment(raw) {
    return { id: raw.id, url: raw.html_url, body: raw.body ?? '', createdAt: raw.created_at };
}
function gitHubIssues(octokit, owner, repo) {
    const where = `${owner}/${repo}`;
    /** A 403 names the permission; 410 means issues are turned off in the repository. */
    const explain = (error, what) => {
        if (error?.status === 410) {
            return new errors/* ShipgateError */.Yu('issues-disabled', `GitHub refused to ${what}: issues are disabled in ${where}`, {
                cause: error,
            });
        }
        return explainGitHubError(error, PERMISSION, what);
    };
    const call = async (what, run) => {
        try {
            return await run();
        }
        catch (error) {
            throw explain(error, what);
        }
    };
    const at = { octokit, owner, repo, where, call };
    return { ...issueReads(at), ...issueWrites(at), ensureLabels: (labels) => ensureLabels(at, labels) };
}
function issueReads({ octokit, owner, repo, where, call, }) {
    return {
        listOpenIssues: (label) => call(`list the open issues labelled '${label}' in ${where}`, async () => {
            const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
                owner,
                repo,
                state: 'open',
                labels: label,
                per_page: 100,
            });
            return issues
                .filter((issue) => issue.pull_request === undefined || issue.pull_request === null)
                .map(toIssue);
        }),
        listComments: (issueNumber) => call(`list the comments of issue #${issueNumber} in ${where}`, async () => {
            const comments = await octokit.paginate(octokit.rest.issues.listComments, {
                owner,
                repo,
                issue_number: issueNumber,
                per_page: 100,
            });
            return comments.map(toComment);
        }),
    };
}
function issueWrites(at) {
    const { octokit, owner, repo, where, call } = at;
    return {
        createIssue: (issue) => call(`create an issue in ${where}`, async () => {
            const { title, body } = issue;
            const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels: [...issue.labels] });
            return toIssue(data);
        }),
        updateIssue: (issueNumber, changes) => call(`update issue #${issueNumber} in ${where}`, async () => {
            await octokit.rest.issues.update({
                owner,
                repo,
                issue_number: issueNumber,
                ...(changes.title !== undefined ? { title: changes.title } : {}),
                ...(changes.body !== undefined ? { body: changes.body } : {}),
                ...(changes.labels !== undefined ? { labels: [...changes.labels] } : {}),
            });
        }),
        ...issueEdits(at),
    };
}
function issueEdits({ octokit, owner, repo, where, call, }) {
    return {
        updateComment: (commentId, body) => call(`update comment ${commentId} in ${where}`, async () => {
            await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
        }),
        closeIssue: (issueNumber) => call(`close issue #${issueNumber} in ${where}`, async () => {
            const closed = { state: 'closed', state_reason: 'completed' };
            await octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, ...closed });
        }),
        addComment: (issueNumber, body) => call(`comment on issue #${issueNumber} in ${where}`, async () => {
            const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
            return toComment(data);
        }),
        addAssignees: (issueNumber, assignees) => call(`assign issue #${issueNumber} in ${where}`, async () => {
            await octokit.rest.issues.addAssignees({ owner, repo, issue_number: issueNumber, assignees: [...assignees] });
        }),
    };
}
async function ensureLabels({ octokit, owner, repo, where, call }, labels) {
    if (labels.length === 0)
        return;
    // One read instead of a write per label: plugin-throttling spaces writes at least a second apart.
    const existing = await call(`list the labels of ${where}`, () => octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100 }));
    const have = new Set(existing.map((label) => label.name.toLowerCase()));
    for (const label of labels.filter((l) => !have.has(l.name.toLowerCase()))) {
        await call(`create the label '${label.name}' in ${where}`, async () => {
            try {
                const description = label.description ? { description: label.description } : {};
                await octokit.rest.issues.createLabel({ owner, repo, name: label.name, color: label.color, ...description });
            }
            catch (error) {
                if (!isAlreadyExists(error))
                    throw error;
            }
        });
    }
}
/** GitHub answers 422 with `errors: [{ code: 'already_exists' }]` for a label that is there already. */
function isAlreadyExists(error) {
    const e = error;
    return e?.status === 422 && (e.response?.data?.errors ?? []).some((item) => item.code === 'already_exists');
}


/***/ })

};
