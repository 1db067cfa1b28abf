export const id = 862;
export const ids = [862];
export const modules = {

/***/ 9862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubStateStore: () => (/* binding */ createGitHubStateStore),
/* harmony export */   finaliseAbandoned: () => (/* binding */ finaliseAbandoned)
/* harmony export */ });
/* unused harmony exports GITHUB_HISTORY_LIMIT, encodeChange, applyChange */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_vocabulary_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7063);
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1425);



/** History entries read back per service/environment, newest first (the file store keeps as many). */
const GITHUB_HISTORY_LIMIT = 50;
/** Unfinished deployments looked at for the lock: older ones are long expired. */
const LOCK_SCAN = 20;
/** Status lists fetched at once. */
const CONCURRENCY = 8;
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
/** The description of a terminal status: a line for people, the change token for the next reader. */
function terminalDescription(human, token) {
    const room = 140 - token.length - 1;
    const text = human.length > room ? `${human.slice(0, room - 1)}…` : human;
    return `${text} ${token}`;
}
/** The result a deployment's statuses say, and when and why it finished. */
function outcomeOf(statuses) {
    // A later `inactive` only means a newer deploy replaced it: the result is the status before it.
    const status = statuses.find((s) => s.state !== 'inactive') ?? null;
    return { state: status?.state ?? null, status };
}
const stripToken = (description) => description.replace(TOKEN, '').trim();
function toEntry(known) {
    const { deployment, payload } = known;
    const { state, status } = outcomeOf(known.statuses ?? []);
    const finished = state !== null && TERMINAL.has(state);
    const result = state === 'success' ? 'succeeded' : state === 'failure' ? 'rolled-back' : 'failed';
    return {
        id: String(deployment.id),
        kind: deployment.task === 'deploy:rollback' ? 'rollback' : 'deploy',
        version: payload.version,
        previousVersion: payload.previous_version ?? null,
        strategy: payload.strategy,
        slot: payload.slot ?? null,
        result,
        reason: finished ? (state === 'success' ? null : stripToken(status?.description ?? '') || null) : 'in progress',
        startedAt: deployment.createdAt,
        finishedAt: finished ? (status?.createdAt ?? null) : null,
        runUrl: payload.run_url ?? (status?.logUrl || null),
        rollbackOf: payload.rollback_of ?? null,
    };
}
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
 * - begin: a deployment (`task` `deploy` or `deploy:rollback`, the payload above, `auto_merge: false`,
 *   `required_contexts: []`, `production_environment` for `production`) and an `in_progress` status
 *   whose `log_url` is the run.
 * - write: `success` (succeeded) / `failure` (rolled back) / `error` (failed, or the rollback failed), with
 *   the change token; on a success that made the version active, the previous successful deployment of
 *   the service is marked `inactive` (GitHub's own auto_inactive is per environment, not per service, and
 *   never touches production, so it is off).
 * - read: every deployment of the environment (all pages) whose payload names the service; the state is
 *   the one the newest finished deployment left; history is the newest 50, newest first.
 * - lock: an unfinished deployment of the service younger than the TTL refuses a second deploy, naming
 *   its run; an older one is taken over with a warning (and marked `error`). Two deploys that pass the
 *   check at the same moment both create their deployment; the younger then sees the older and withdraws.
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
/** The state the run of `last` left (none: the empty state). */
function stateLeftBy(last) {
    if (!last)
        return _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .EMPTY_STATE */ .W;
    const { state, status } = outcomeOf(last.statuses ?? []);
    return applyChange(last.payload, state ?? 'error', status?.description ?? '');
}
/** The payload of a deployment begun for `entry`, holding the state before it. */
function payloadOf(key, entry, before, context) {
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
/**
 * The store's state between calls of one run: what `read` saw last (begin records it as the state
 * before; write compares with it), the deployments it began, and the newest deployment the lock saw.
 */
class GitHubStateStore {
    options;
    api;
    lastRead = new Map();
    begun = new Map();
    lockSeen = new Map();
    lockTtlMs = 2 * 3_600_000;
    constructor(options) {
        this.options = options;
        this.api = options.deployments;
    }
    /** This service's deployments in the environment, newest first, statuses not fetched yet. */
    async list(key) {
        const all = await this.api.listDeployments(key.environment);
        return all.flatMap((deployment) => {
            const payload = parsePayload(deployment.payload);
            return payload && payload.service === key.service && deployment.environment === key.environment
                ? [{ deployment, payload }]
                : [];
        });
    }
    async withStatuses(items) {
        const missing = items.filter((item) => item.statuses === undefined);
        await eachLimited(missing, CONCURRENCY, async (item) => {
            item.statuses = await this.api.listStatuses(item.deployment.id);
        });
    }
    async mark(id, state, description, urls = {}) {
        await this.api.createStatus(id, {
            state,
            description,
            ...(urls.logUrl ? { logUrl: urls.logUrl } : {}),
            ...(urls.environmentUrl ? { environmentUrl: urls.environmentUrl } : {}),
        });
    }
    async read(key) {
        const known = await this.list(key);
        await this.withStatuses(known.slice(0, GITHUB_HISTORY_LIMIT));
        // The state is what the newest finished run left; look further back only if none of the newest finished.
        let last = known.find(finishedRun);
        for (let from = GITHUB_HISTORY_LIMIT; !last && from < known.length; from += CONCURRENCY) {
            const batch = known.slice(from, from + CONCURRENCY);
            await this.withStatuses(batch);
            last = batch.find(finishedRun);
        }
        const state = {
            ...stateLeftBy(last),
            history: known.slice(0, GITHUB_HISTORY_LIMIT).map(toEntry),
        };
        this.lastRead.set(keyOf(key), { state, known });
        return state;
    }
    async lock(key, holder, ttlMs) {
        this.lockTtlMs = ttlMs;
        const known = (await this.list(key)).slice(0, LOCK_SCAN);
        await this.withStatuses(known);
        this.lockSeen.set(keyOf(key), known[0]?.deployment.id ?? 0);
        for (const item of known.filter(unfinished))
            await this.takeOver(key, item, holder, ttlMs);
        return { release: () => this.release(key) };
    }
    /** Refuses the lock while `item`'s run may still be going; takes over an older one, marking it `error`. */
    async takeOver(key, item, holder, ttlMs) {
        const age = this.options.clock.now() - Date.parse(item.deployment.createdAt);
        const other = holderOf(item);
        if (age < ttlMs)
            throw new _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .LockedError */ .b(key, other);
        this.options.logger.warning(`${keyOf(key)}: taking over the lock of deployment ${item.deployment.id}, begun by ${other.holder} since ${other.since} and never finished (older than ${Math.round(ttlMs / 60_000)} min; its run must have died); check what it left half done`);
        const description = `abandoned: never finished; lock taken over by ${holder.holder}`.slice(0, 140);
        await this.mark(item.deployment.id, 'error', description);
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
    async begin(key, entry) {
        const { context } = this.options;
        const before = this.lastRead.get(keyOf(key))?.state ?? (await this.read(key));
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
            task: entry.kind === 'rollback' ? 'deploy:rollback' : 'deploy',
            payload: payloadOf(key, entry, before, context),
            description: `shipgate ${what} (${entry.strategy})`.slice(0, 140),
            productionEnvironment: key.environment === 'production',
        });
        const record = { id: deployment.id, finished: false, key };
        this.begun.set(entry.id, record);
        const logUrl = entry.runUrl ?? context.runUrl;
        await this.mark(deployment.id, 'in_progress', `${what} in progress`.slice(0, 140), { logUrl });
        await this.withdrawFromRival(key, record, logUrl);
        return { deploymentId: String(deployment.id) };
    }
    /** Two deploys that took the lock at the same moment: the older deployment wins, the younger withdraws. */
    async withdrawFromRival(key, record, logUrl) {
        const seen = this.lockSeen.get(keyOf(key)) ?? 0;
        const rivals = (await this.list(key)).filter((item) => item.deployment.id < record.id && item.deployment.id > seen);
        await this.withStatuses(rivals);
        const now = this.options.clock.now();
        const rival = rivals.find((item) => unfinished(item) && now - Date.parse(item.deployment.createdAt) < this.lockTtlMs);
        if (!rival)
            return;
        record.finished = true;
        await this.mark(record.id, 'error', `withdrawn: deployment ${rival.deployment.id} began first`, { logUrl });
        throw new _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .LockedError */ .b(key, holderOf(rival));
    }
    async write(key, state, entry) {
        const record = this.begun.get(entry.id);
        if (!record) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShipgateError */ .Yu('state-write', `state: no deployment was begun for ${keyOf(key)} ${entry.version}; cannot record its outcome`);
        }
        const cached = this.lastRead.get(keyOf(key));
        const result = entry.result === 'succeeded' || entry.result === 'rolled-back' || entry.result === 'failed'
            ? entry.result
            : 'failed';
        const token = encodeChange(cached?.state ?? _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .EMPTY_STATE */ .W, state, entry.version);
        await this.mark(record.id, RESULT_STATE[result], terminalDescription(outcomeLine(entry, result), token), {
            logUrl: entry.runUrl ?? this.options.context.runUrl,
            environmentUrl: result === 'succeeded' ? this.options.environmentUrl : undefined,
        });
        record.finished = true;
        this.begun.delete(entry.id);
        if (result === 'succeeded' && token.includes(' a1 '))
            await this.inactivateReplaced(cached?.known ?? [], record, entry);
    }
    /** The version that was live until now is replaced: its deployment goes inactive. */
    async inactivateReplaced(known, record, entry) {
        const previous = known.filter((item) => item.deployment.id !== record.id && item.statuses?.[0]?.state === 'success');
        for (const item of previous) {
            try {
                await this.mark(item.deployment.id, 'inactive', `replaced by ${entry.version}`.slice(0, 140));
            }
            catch (error) {
                this.options.logger.warning(`state: could not mark deployment ${item.deployment.id} (${item.payload.version}) inactive: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`);
            }
        }
    }
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
    const slot = (name) => (options.slot === name ? 'n-' : '=');
    const token = `[shipgate a0 blue:${slot('blue')} green:${slot('green')} i=]`;
    await api.createStatus(deploymentId, {
        state: 'error',
        description: terminalDescription(reason, token),
        ...(options.logUrl ? { logUrl: options.logUrl } : {}),
    });
    return 'finalised';
}


/***/ })

};
