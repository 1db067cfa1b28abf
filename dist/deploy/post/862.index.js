export const id = 862;
export const ids = [862];
export const modules = {

/***/ 9862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubStateStore: () => (/* binding */ createGitHubStateStore),
/* harmony export */   finaliseAbandoned: () => (/* binding */ finaliseAbandoned),
/* harmony export */   findRunDeployment: () => (/* binding */ findRunDeployment),
/* harmony export */   recordUnrecorded: () => (/* binding */ recordUnrecorded)
/* harmony export */ });
/* unused harmony exports GITHUB_HISTORY_LIMIT, taskOf, encodeChange, applyChange */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_vocabulary_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7063);
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1425);



/** History entries read back per service/environment, newest first (the file store keeps as many). */
const GITHUB_HISTORY_LIMIT = 50;
/** Unfinished deployments looked at for the lock: older ones are long expired. */
const LOCK_SCAN = 20;
/** Lock expiry of a deployment whose payload does not say (made before locks were sized from the plan). */
const DEFAULT_LOCK_TTL_MS = 2 * 3_600_000;
/** Status lists fetched at once. */
const CONCURRENCY = 8;
/** The task of a service's deployments: the list is filtered on it by GitHub, not page by page here. */
const taskOf = (service) => `deploy:${service}`;
const TERMINAL = new Set(['success', 'failure', 'error']);
const UNFINISHED = new Set(['in_progress', 'queued', 'pending']);
const RESULT_STATE = {
    succeeded: 'success',
    'rolled-back': 'failure',
    failed: 'error',
};
function parsePayload(raw) {
    let value = raw;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        }
        catch {
            return undefined;
        }
    }
    const payload = value;
    if (!payload ||
        typeof payload !== 'object' ||
        payload.shipgate !== 1 ||
        typeof payload.service !== 'string' ||
        typeof payload.version !== 'string')
        return undefined;
    return {
        ...payload,
        before: {
            active_slot: payload.before?.active_slot ?? null,
            active_version: payload.before?.active_version ?? null,
            slots: payload.before?.slots ?? {},
            instances: payload.before?.instances ?? {},
        },
    };
}
const beforeOf = (payload) => ({
    activeSlot: payload.before.active_slot,
    activeVersion: payload.before.active_version,
    slots: payload.before.slots,
    instances: payload.before.instances,
});
const sameSlot = (a, b) => a?.version === b?.version && a?.up === b?.up;
/**
 * The change a run made, as a token: `a1` (the run's version and slot became active) or `a0`; per slot `=`
 * (as before), or `n`/`o` (the run's version / the version it had before) and `+`/`-` (up / down);
 * instances `=` (as before), `*` (all run the new version) or a hex bit mask over the sorted instance ids
 * (set: the new version, clear: the version before).
 */
function encodeChange(before, after, version) {
    const active = after.activeVersion === version &&
        (after.activeVersion !== before.activeVersion || after.activeSlot !== before.activeSlot)
        ? 'a1'
        : 'a0';
    const slots = _core_vocabulary_js__WEBPACK_IMPORTED_MODULE_2__/* .SLOTS */ ._f.map((slot) => {
        const now = after.slots[slot];
        if (!now || sameSlot(now, before.slots[slot]))
            return `${slot}:=`;
        return `${slot}:${now.version === version ? 'n' : 'o'}${now.up ? '+' : '-'}`;
    });
    const ids = Object.keys(after.instances).sort();
    const unchanged = ids.length === Object.keys(before.instances).length &&
        ids.every((id) => after.instances[id] === before.instances[id]);
    let instances = '=';
    if (!unchanged) {
        if (ids.every((id) => after.instances[id] === version))
            instances = '*';
        else {
            let mask = 0n;
            ids.forEach((id, index) => {
                if (after.instances[id] === version)
                    mask |= 1n << BigInt(index);
            });
            instances = mask.toString(16);
        }
    }
    return `[shipgate ${active} ${slots.join(' ')} i${instances === '=' || instances === '*' ? instances : `:${instances}`}]`;
}
const TOKEN = /\s*\[shipgate (a[01]) blue:(=|[no][+-]) green:(=|[no][+-]) i(=|\*|:[0-9a-f]+)\]$/;
/** The state after a run: the state before it, changed as its terminal status's token says. */
function applyChange(payload, state, description) {
    const before = beforeOf(payload);
    const match = TOKEN.exec(description);
    if (!match)
        return applyUnmarked(payload, state);
    const [, active, blue, green, instances] = match;
    const slots = { ...before.slots };
    for (const [slot, change] of [
        ['blue', blue],
        ['green', green],
    ]) {
        if (change === '=')
            continue;
        const version = change[0] === 'n'
            ? payload.version
            : (before.slots[slot]?.version ?? payload.previous_version ?? payload.version);
        slots[slot] = { version, up: change[1] === '+' };
    }
    return {
        activeSlot: active === 'a1' ? (payload.slot ?? before.activeSlot) : before.activeSlot,
        activeVersion: active === 'a1' ? payload.version : before.activeVersion,
        slots,
        instances: changedInstances(payload, before.instances, instances),
    };
}
/**
 * A terminal status not written by shipgate (or cut short): success means the run's version went live on
 * its slot; anything else leaves things as they were, with the run's slot down — never a slot wrongly
 * taken as up.
 */
function applyUnmarked(payload, state) {
    const before = beforeOf(payload);
    if (state === 'success') {
        return {
            activeSlot: payload.slot ?? before.activeSlot,
            activeVersion: payload.version,
            slots: payload.slot ? { ...before.slots, [payload.slot]: { version: payload.version, up: true } } : before.slots,
            instances: Object.fromEntries(Object.keys(before.instances).map((id) => [id, payload.version])),
        };
    }
    return {
        ...before,
        slots: payload.slot ? { ...before.slots, [payload.slot]: { version: payload.version, up: false } } : before.slots,
    };
}
/** The instances after a run, from the token's instance part: `=`, `*` or `:<hex mask>` (see encodeChange). */
function changedInstances(payload, before, change) {
    if (change === '*')
        return Object.fromEntries(Object.keys(before).map((id) => [id, payload.version]));
    if (!change.startsWith(':'))
        return { ...before };
    const mask = BigInt(`0x${change.slice(1)}`);
    return Object.fromEntries(Object.keys(before)
        .sort()
        .map((id, index) => [id, (mask >> BigInt(index)) & 1n ? payload.version : (before[id] ?? payload.version)]));
}
/**
 * The description of a terminal status: a line for people, the change token for the next reader. The
 * line is masked (`hide`: the run's secrets) before it is cut to fit, so a cut never leaves part of a
 * secret that the mask would no longer recognise (SPEC §10: descriptions are public on the Environments page).
 */
function terminalDescription(human, token, hide) {
    const room = 140 - token.length - 1;
    const masked = hide(human);
    const text = masked.length > room ? `${masked.slice(0, room - 1)}…` : masked;
    return `${text} ${token}`;
}
const showAll = (text) => text;
/** The result a deployment's statuses say, and when and why it finished. */
function outcomeOf(statuses) {
    // A later `inactive` only means a newer deploy replaced it: the result is the status before it.
    const status = statuses.find((s) => s.state !== 'inactive') ?? null;
    return { state: status?.state ?? null, status };
}
const stripToken = (description) => description.replace(TOKEN, '').trim();
/** Descriptions of the statuses that finish a run that was killed or cancelled (older wordings too). */
const KILLED = /^(killed:|abandoned:|deploy \S+ stopped: the run was cancelled or killed)/;
const WITHDRAWN = /^withdrawn:/;
const kindOf = (known) => known.payload.kind ?? (known.deployment.task === 'deploy:rollback' ? 'rollback' : 'deploy');
/** The entry's fixed part, from the deployment and its payload. */
function entryBase(known) {
    const { deployment, payload } = known;
    return {
        id: String(deployment.id),
        kind: kindOf(known),
        version: payload.version,
        previousVersion: payload.previous_version ?? null,
        strategy: payload.strategy,
        slot: payload.slot ?? null,
        startedAt: deployment.createdAt,
        runUrl: payload.run_url ?? (known.statuses?.[0]?.logUrl || null),
        rollbackOf: payload.rollback_of ?? null,
        ...(payload.phase ? { phase: payload.phase } : {}),
    };
}
/** An entry whose statuses were read. */
function entryFromStatuses(known) {
    const { state, status } = outcomeOf(known.statuses ?? []);
    const finished = state !== null && TERMINAL.has(state);
    const result = state === 'success' ? 'succeeded' : state === 'failure' ? 'rolled-back' : 'failed';
    const reason = finished
        ? state === 'success'
            ? null
            : stripToken(status?.description ?? '') || null
        : 'in progress';
    const killed = finished && state === 'error' && KILLED.test(status?.description ?? '');
    const after = finished ? applyChange(known.payload, state, status?.description ?? '') : null;
    const phase = known.payload.phase;
    return {
        ...entryBase(known),
        result,
        reason,
        finishedAt: finished ? (status?.createdAt ?? null) : null,
        servedFull: result === 'succeeded' &&
            after?.activeVersion === known.payload.version &&
            phase !== 'prepare' &&
            phase !== 'cancel',
        ...(killed ? { killed: true } : {}),
    };
}
/** An entry whose outcome the next deployment's payload recorded. */
function entryFromPrior(known, prior) {
    return {
        ...entryBase(known),
        result: prior.result,
        reason: prior.reason,
        finishedAt: prior.finished_at,
        servedFull: prior.served_full,
        ...(prior.killed ? { killed: true } : {}),
    };
}
/** What `newer`'s payload says of `item`'s outcome, when it is about that deployment. */
const priorOf = (newer, item) => newer?.payload.prior?.id === String(item.deployment.id) ? newer.payload.prior : undefined;
/** The history of `known` (newest first): statuses where they were read, else the next payload's record. */
function historyOf(known) {
    return known.map((item, index) => {
        const prior = item.statuses === undefined ? priorOf(known[index - 1], item) : undefined;
        return prior ? entryFromPrior(item, prior) : entryFromStatuses(item);
    });
}
const toPrior = (entry) => ({
    id: entry.id,
    result: entry.result,
    reason: entry.reason,
    finished_at: entry.finishedAt,
    served_full: (0,_ports_js__WEBPACK_IMPORTED_MODULE_1__/* .servedFull */ .V4)(entry),
    ...(entry.killed ? { killed: true } : {}),
});
/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited(items, limit, work) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
        for (let item = items[next++]; item !== undefined; item = items[next++])
            await work(item);
    }));
}
const keyOf = (key) => `${key.service}/${key.environment}`;
/**
 * The `github` state store: the Deployments API, so a fresh runner knows what is live and the
 * repository's Environments page shows it.
 *
 * - begin: a deployment (`task` `deploy:<service>`, the payload above, `auto_merge: false`,
 *   `required_contexts: []`, `production_environment` for `production`) and an `in_progress` status
 *   whose `log_url` is the run; renewing the lock adds another `in_progress` status.
 * - write: `success` (succeeded) / `failure` (rolled back) / `error` (failed, or the rollback failed), with
 *   the change token; on a success that made the version active, the deployment that was live until then
 *   is marked `inactive` (GitHub's own auto_inactive is per environment, not per service, and never
 *   touches production, so it is off).
 * - read: one page of the service's newest deployments (filtered on `task` by GitHub) and the statuses of
 *   the newest only: each payload records the outcome of the deployment before it (`prior`) and the state
 *   it began from (`before`), so the cost does not grow with the history (SPEC §9 B7). Deployments made
 *   before tasks named the service are listed the old way (every page) until the service has a new one.
 * - lock: an unfinished deployment of the service whose last status is younger than its lock TTL refuses
 *   a second deploy, naming its run; an older one is taken over with a warning (and marked `error`, as
 *   killed). Two deploys that pass the check at the same moment both create their deployment; the
 *   younger then sees the older and withdraws.
 */
function createGitHubStateStore(options) {
    return new GitHubStateStore(options);
}
const holderOf = (known) => ({
    holder: known.payload.run_url ?? (known.statuses?.[0]?.logUrl || `deployment ${known.deployment.id}`),
    since: known.deployment.createdAt,
});
const unfinished = (known) => {
    const latest = known.statuses?.[0];
    return latest === undefined || UNFINISHED.has(latest.state);
};
const finishedRun = (item) => item.statuses !== undefined && TERMINAL.has(outcomeOf(item.statuses).state ?? 'pending');
/** When an unfinished deployment's lock expires: its last sign of life (a status) plus its TTL. */
function lockExpiry(item) {
    const ttl = item.payload.lock_ttl_ms;
    // Deployments made before locks were renewed: their lock ran from when they began.
    if (ttl === undefined)
        return Date.parse(item.deployment.createdAt) + DEFAULT_LOCK_TTL_MS;
    return Date.parse(item.statuses?.[0]?.createdAt ?? item.deployment.createdAt) + ttl;
}
/**
 * The state now: what the newest deployment left if it finished; if it did not (running, or killed and
 * not yet taken over), the state it began from, which is what its predecessors left.
 */
function stateOf(newest) {
    if (!newest)
        return _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .EMPTY_STATE */ .Wk;
    if (!finishedRun(newest))
        return beforeOf(newest.payload);
    const { state, status } = outcomeOf(newest.statuses ?? []);
    return applyChange(newest.payload, state ?? 'error', status?.description ?? '');
}
/** The payload of a deployment begun for `entry`, holding the state before it and its predecessor's outcome. */
function payloadOf(key, entry, before, context, lockTtlMs) {
    const prior = before.history[0];
    return {
        shipgate: 1,
        service: key.service,
        version: entry.version,
        previous_version: entry.previousVersion,
        slot: entry.slot,
        strategy: entry.strategy,
        runId: context.runId ?? null,
        run_url: entry.runUrl ?? context.runUrl ?? null,
        ...(entry.rollbackOf ? { rollback_of: entry.rollbackOf } : {}),
        kind: entry.kind,
        ...(entry.phase ? { phase: entry.phase } : {}),
        lock_ttl_ms: lockTtlMs,
        ...(prior ? { prior: toPrior(prior) } : {}),
        before: {
            active_slot: before.activeSlot,
            active_version: before.activeVersion,
            slots: before.slots,
            instances: before.instances,
        },
    };
}
/** The terminal status line for people: `deploy 1.4.2 rolled back: gate failed: …`. */
function outcomeLine(entry, result) {
    const noun = entry.kind === 'rollback' ? 'rollback to' : 'deploy';
    if (result === 'succeeded')
        return `${noun} ${entry.version} succeeded`;
    return `${noun} ${entry.version} ${result === 'rolled-back' ? 'rolled back' : 'failed'}: ${entry.reason ?? 'unknown reason'}`;
}
/** The token of a killed run: nothing became active, and its slot is recorded as down (never taken for live). */
const killedToken = (slot) => `[shipgate a0 ${_core_vocabulary_js__WEBPACK_IMPORTED_MODULE_2__/* .SLOTS */ ._f.map((name) => `${name}:${slot === name ? 'n-' : '='}`).join(' ')} i=]`;
/**
 * The store's state between calls of one run: what `read` saw last (begin records it as the state
 * before; write compares with it), the deployments it began, and what the lock saw.
 */
class GitHubStateStore {
    options;
    api;
    lastRead = new Map();
    begun = new Map();
    lockSeen = new Map();
    lockTtlMs = DEFAULT_LOCK_TTL_MS;
    hide;
    constructor(options) {
        this.options = options;
        this.api = options.deployments;
        this.hide = options.hide ?? showAll;
    }
    /** This service's newest deployments in the environment, newest first, statuses not fetched yet. */
    async list(key) {
        const own = (deployments) => deployments.flatMap((deployment) => {
            const payload = parsePayload(deployment.payload);
            return payload && payload.service === key.service && deployment.environment === key.environment
                ? [{ deployment, payload }]
                : [];
        });
        const task = taskOf(key.service);
        const found = own(await this.api.listDeployments(key.environment, { task, limit: GITHUB_HISTORY_LIMIT }));
        if (found.length > 0)
            return found;
        // Only deployments made before tasks named the service (task `deploy`): every page, the old way.
        return own(await this.api.listDeployments(key.environment)).slice(0, GITHUB_HISTORY_LIMIT);
    }
    async withStatuses(items) {
        const missing = items.filter((item) => item.statuses === undefined);
        await eachLimited(missing, CONCURRENCY, async (item) => {
            item.statuses = await this.api.listStatuses(item.deployment.id);
        });
    }
    async mark(id, state, description, urls = {}) {
        return this.api.createStatus(id, {
            state,
            description,
            ...(urls.logUrl ? { logUrl: urls.logUrl } : {}),
            ...(urls.environmentUrl ? { environmentUrl: urls.environmentUrl } : {}),
        });
    }
    /**
     * The service's deployments with the statuses history needs: the newest (withdrawn ones skipped) and
     * any whose outcome no newer payload records (deployments made before payloads recorded it).
     */
    async known(key) {
        let known = await this.list(key);
        for (;;) {
            await this.withStatuses(known.filter((item, index) => index === 0 || !priorOf(known[index - 1], item)));
            const newest = known[0];
            if (!newest || !WITHDRAWN.test(newest.statuses?.[0]?.description ?? ''))
                return known;
            known = known.slice(1);
        }
    }
    async read(key) {
        const known = await this.known(key);
        const state = { ...stateOf(known[0]), history: historyOf(known) };
        this.lastRead.set(keyOf(key), state);
        return state;
    }
    async lock(key, holder, ttlMs) {
        this.lockTtlMs = ttlMs;
        const known = (await this.list(key)).slice(0, LOCK_SCAN);
        this.lockSeen.set(keyOf(key), known[0]?.deployment.id ?? 0);
        // Newest first, until a finished one: an unfinished deployment older than that was taken over already.
        let takenOver = false;
        for (const item of known) {
            await this.withStatuses([item]);
            if (!unfinished(item))
                break;
            await this.takeOver(key, item, holder);
            takenOver = true;
        }
        // The state read before the lock did not know the killed run was finalised: read it again.
        if (takenOver)
            await this.read(key);
        return { release: () => this.release(key), renew: (next) => this.renew(key, next) };
    }
    /** Refuses the lock while `item`'s run may still be going; takes over an expired one, marking it killed. */
    async takeOver(key, item, holder) {
        const other = holderOf(item);
        const expiry = lockExpiry(item);
        if (expiry > this.options.clock.now())
            throw new _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .LockedError */ .by(key, other);
        this.options.logger.warning(`${keyOf(key)}: taking over the lock of deployment ${item.deployment.id}, begun by ${other.holder} since ${other.since} and never finished (no sign of life since ${new Date(expiry).toISOString()}; its run must have died); it is recorded as killed: rollback re-applies the stable route`);
        const reason = `killed: never finished; lock taken over by ${holder.holder}`;
        const status = await this.mark(item.deployment.id, 'error', terminalDescription(reason, killedToken(item.payload.slot), this.hide));
        item.statuses = [status, ...(item.statuses ?? [])];
    }
    /** A renewal is a sign of life: another `in_progress` status on the deployment this run began. */
    async renew(key, ttlMs) {
        this.lockTtlMs = ttlMs;
        for (const record of this.begun.values()) {
            if (record.finished || keyOf(record.key) !== keyOf(key))
                continue;
            await this.mark(record.id, 'in_progress', `${keyOf(key)} in progress (lock renewed)`, {
                logUrl: this.options.context.runUrl,
            });
        }
    }
    /** Releasing the lock finishes, as `error`, a deployment begun for `key` whose outcome was never written. */
    async release(key) {
        for (const [entryId, record] of this.begun) {
            if (record.finished || keyOf(record.key) !== keyOf(key))
                continue;
            record.finished = true;
            this.begun.delete(entryId);
            const description = 'the deploy stopped before it recorded its outcome';
            await this.mark(record.id, 'error', description, { logUrl: this.options.context.runUrl });
        }
    }
    async readLock(key) {
        const known = await this.known(key);
        const holding = known[0] && unfinished(known[0]) ? known[0] : undefined;
        if (!holding)
            return null;
        return { ...holderOf(holding), expiresAt: new Date(lockExpiry(holding)).toISOString() };
    }
    async unlock(key, by) {
        const info = await this.readLock(key);
        const known = await this.list(key);
        await this.withStatuses(known.slice(0, 1));
        const holding = known[0];
        if (!info || !holding || !unfinished(holding))
            return null;
        const reason = `killed: the lock was released by ${by}`;
        await this.mark(holding.deployment.id, 'error', terminalDescription(reason, killedToken(holding.payload.slot), this.hide));
        return info;
    }
    async begin(key, entry) {
        const { context } = this.options;
        const before = this.lastRead.get(keyOf(key)) ?? (await this.read(key));
        const sha = context.sha;
        if (!sha) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShipgateError */ .Yu('no-ref', "state: the github store needs the commit being deployed (GITHUB_SHA) for the deployment's ref");
        }
        const what = entry.kind === 'rollback'
            ? `rollback of ${key.service} to ${entry.version}`
            : `deploy of ${key.service} ${entry.version}`;
        const deployment = await this.api.createDeployment({
            ref: sha,
            environment: key.environment,
            task: taskOf(key.service),
            payload: payloadOf(key, entry, before, context, this.lockTtlMs),
            description: this.hide(`shipgate ${what} (${entry.strategy})`).slice(0, 140),
            productionEnvironment: key.environment === 'production',
        });
        const record = { id: deployment.id, finished: false, key };
        this.begun.set(entry.id, record);
        const logUrl = entry.runUrl ?? context.runUrl;
        await this.mark(deployment.id, 'in_progress', this.hide(`${what} in progress`).slice(0, 140), { logUrl });
        await this.withdrawFromRival(key, record, logUrl);
        return { deploymentId: String(deployment.id) };
    }
    /** Two deploys that took the lock at the same moment: the older deployment wins, the younger withdraws. */
    async withdrawFromRival(key, record, logUrl) {
        const seen = this.lockSeen.get(keyOf(key)) ?? 0;
        const rivals = (await this.list(key)).filter((item) => item.deployment.id < record.id && item.deployment.id > seen);
        await this.withStatuses(rivals);
        const now = this.options.clock.now();
        const rival = rivals.find((item) => unfinished(item) && lockExpiry(item) > now);
        if (!rival)
            return;
        record.finished = true;
        const description = terminalDescription(`withdrawn: deployment ${rival.deployment.id} began first`, killedToken(null), this.hide);
        await this.mark(record.id, 'error', description, { logUrl });
        throw new _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .LockedError */ .by(key, holderOf(rival));
    }
    async write(key, state, entry) {
        const record = this.begun.get(entry.id);
        if (!record) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShipgateError */ .Yu('state-write', `state: no deployment was begun for ${keyOf(key)} ${entry.version}; cannot record its outcome`);
        }
        const before = this.lastRead.get(keyOf(key)) ?? _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .EMPTY_STATE */ .Wk;
        const result = entry.result === 'succeeded' || entry.result === 'rolled-back' || entry.result === 'failed'
            ? entry.result
            : 'failed';
        const token = encodeChange(before, state, entry.version);
        try {
            await this.mark(record.id, RESULT_STATE[result], terminalDescription(outcomeLine(entry, result), token, this.hide), {
                logUrl: entry.runUrl ?? this.options.context.runUrl,
                environmentUrl: result === 'succeeded' ? this.options.environmentUrl : undefined,
            });
        }
        catch (error) {
            // The steps are done: releasing the lock must not mark this deployment `error` as if it had stopped
            // half way; the outcome is retried, and then recorded by the post step.
            record.finished = true;
            throw error;
        }
        record.finished = true;
        this.begun.delete(entry.id);
        if (result === 'succeeded' && token.includes(' a1 '))
            await this.inactivateReplaced(before, record, entry);
    }
    /** The deployment that was live until now is replaced: it goes inactive. */
    async inactivateReplaced(before, record, entry) {
        const live = before.history.find((item) => item.id !== String(record.id) && (0,_ports_js__WEBPACK_IMPORTED_MODULE_1__/* .servedFull */ .V4)(item));
        if (!live)
            return;
        try {
            await this.mark(Number(live.id), 'inactive', `replaced by ${entry.version}`.slice(0, 140));
        }
        catch (error) {
            this.options.logger.warning(`state: could not mark deployment ${live.id} (${live.version}) inactive: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`);
        }
    }
}
/**
 * The deployment the run `runId` began for a service, if it is still unfinished: what a post step
 * finalises when its main step was killed before it saved the deployment's id (the payload carries the
 * run id).
 */
async function findRunDeployment(api, key, runId) {
    const listed = await api.listDeployments(key.environment, { task: taskOf(key.service), limit: LOCK_SCAN });
    for (const deployment of listed) {
        const payload = parsePayload(deployment.payload);
        if (payload?.service !== key.service || payload.runId !== runId)
            continue;
        const latest = (await api.listStatuses(deployment.id))[0];
        return latest === undefined || UNFINISHED.has(latest.state) ? deployment.id : null;
    }
    return null;
}
/**
 * The deploy's post step, after a run that was killed or cancelled before it recorded its outcome: the
 * deployment gets an `error` status (once: a deployment already finished is left alone), and its slot is
 * recorded as down so that nothing takes it for a live one.
 */
async function finaliseAbandoned(api, deploymentId, reason, options = {}) {
    const statuses = await api.listStatuses(deploymentId);
    const latest = statuses[0];
    if (latest && !UNFINISHED.has(latest.state))
        return 'already-finished';
    await api.createStatus(deploymentId, {
        state: 'error',
        description: terminalDescription(reason, killedToken(options.slot ?? null), options.hide ?? showAll),
        ...(options.logUrl ? { logUrl: options.logUrl } : {}),
    });
    return 'finalised';
}
/**
 * The deploy's post step, after a main step whose steps all ran but whose final write failed: the
 * deployment gets the status the run would have written (with its change token), unless it finished.
 */
async function recordUnrecorded(api, deploymentId, outcome, options = {}) {
    const latest = (await api.listStatuses(deploymentId))[0];
    if (latest && !UNFINISHED.has(latest.state))
        return 'already-finished';
    const { entry } = outcome;
    const result = entry.result === 'succeeded' || entry.result === 'rolled-back' || entry.result === 'failed'
        ? entry.result
        : 'failed';
    const token = encodeChange(outcome.before, outcome.after, entry.version);
    await api.createStatus(deploymentId, {
        state: RESULT_STATE[result],
        description: terminalDescription(outcomeLine(entry, result), token, options.hide ?? showAll),
        ...(options.logUrl ? { logUrl: options.logUrl } : {}),
    });
    return 'recorded';
}


/***/ })

};
