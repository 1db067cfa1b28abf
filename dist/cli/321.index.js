export const id = 321;
export const ids = [321];
export const modules = {

/***/ 9321:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubDeployments: () => (/* binding */ createGitHubDeployments)
});

// UNUSED EXPORTS: gitHubDeployments

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

;// CONCATENATED MODULE: ./src/github/github-deployments.ts

const PERMISSION = 'deployments: write';
/** The Deployments API through Octokit (retrying 5xx and rate limits); a missing permission is named. */
function createGitHubDeployments(options) {
    return gitHubDeployments(createOctokit(options), options.owner, options.repo);
}
const toDeployment = (raw) => ({
    id: raw.id,
    environment: raw.environment,
    task: raw.task,
    ref: raw.ref,
    sha: raw.sha,
    payload: raw.payload,
    description: raw.description ?? null,
    createdAt: raw.created_at,
});
const toStatus = (raw) => ({
    id: raw.id,
    state: raw.state,
    description: raw.description ?? '',
    logUrl: raw.log_url ?? raw.target_url ?? '',
    environmentUrl: raw.environment_url ?? '',
    createdAt: raw.created_at,
});
function gitHubDeployments(octokit, owner, repo) {
    const where = `${owner}/${repo}`;
    const at = { octokit, owner, repo };
    const call = async (what, run) => {
        try {
            return await run();
        }
        catch (error) {
            throw explainGitHubError(error, PERMISSION, what);
        }
    };
    return {
        listDeployments: (environment, filter = {}) => call(`list the deployments of environment '${environment}' in ${where}`, () => listDeployments(at, environment, filter)),
        listStatuses: (deploymentId) => call(`list the statuses of deployment ${deploymentId} in ${where}`, () => listStatuses(at, deploymentId)),
        createDeployment: (deployment) => call(`create a deployment to '${deployment.environment}' in ${where}`, () => createDeployment(at, deployment)),
        createStatus: (deploymentId, status) => call(`set the status of deployment ${deploymentId} in ${where} to ${status.state}`, () => createStatus(at, deploymentId, status)),
    };
}
async function listDeployments({ octokit, owner, repo }, environment, filter) {
    const params = { owner, repo, environment, ...(filter.task ? { task: filter.task } : {}) };
    // GitHub lists deployments newest first: the newest `limit` are the first page of that size.
    const deployments = filter.limit !== undefined
        ? (await octokit.rest.repos.listDeployments({ ...params, per_page: Math.min(100, filter.limit) })).data
        : await octokit.paginate(octokit.rest.repos.listDeployments, { ...params, per_page: 100 });
    return deployments.map(toDeployment).sort((a, b) => b.id - a.id);
}
async function listStatuses({ octokit, owner, repo }, deploymentId) {
    const statuses = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
        owner,
        repo,
        deployment_id: deploymentId,
        per_page: 100,
    });
    return statuses.map(toStatus).sort((a, b) => b.id - a.id);
}
async function createDeployment({ octokit, owner, repo }, deployment) {
    const response = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: deployment.ref,
        environment: deployment.environment,
        task: deployment.task,
        payload: deployment.payload,
        description: deployment.description,
        auto_merge: false,
        required_contexts: [],
        production_environment: deployment.productionEnvironment,
        transient_environment: false,
    });
    if (response.status !== 201) {
        // 202: GitHub merged the default branch first ("Auto-merged ... "); auto_merge is off, so never expected.
        throw new Error(`GitHub answered ${response.status} without creating a deployment: ${JSON.stringify(response.data).slice(0, 200)}`);
    }
    return toDeployment(response.data);
}
async function createStatus({ octokit, owner, repo }, deploymentId, status) {
    const { data } = await octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: deploymentId,
        state: status.state,
        description: status.description.slice(0, 140),
        ...(status.logUrl ? { log_url: status.logUrl } : {}),
        ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
        // The store marks the previous deployment inactive itself, per service (GitHub's own rule is per
        // environment and skips production).
        auto_inactive: false,
    });
    return toStatus(data);
}


/***/ })

};
