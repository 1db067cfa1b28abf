export const id = 448;
export const ids = [448];
export const modules = {

/***/ 4448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubStateStore: () => (/* binding */ createGitHubStateStore)
/* harmony export */ });
/* unused harmony exports GITHUB_HISTORY_LIMIT, encodeChange, applyChange, finaliseAbandoned */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7406);
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2975);


/** History entries read back per service/environment, newest first (the file store keeps as many). */
const GITHUB_HISTORY_LIMIT = 50;
/** Unfinished deployments looked at for the lock: older ones are long expired. */
const LOCK_SCAN = 20;
/** Status lists fetched at once. */
const CONCURRENCY = 8;
const SLOTS = ['blue', 'green'];
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
    const slots = SLOTS.map((slot) => {
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
    if (!match) {
        // Not written by shipgate (or cut short): success means the run's version went live on its slot;
        // anything else leaves things as they were, with the run's slot down — never a slot wrongly taken as up.
        if (state === 'success') {
            return {
                activeSlot: payload.slot ?? before.activeSlot,
                activeVersion: payload.version,
                slots: payload.slot
                    ? { ...before.slots, [payload.slot]: { version: payload.version, up: true } }
                    : before.slots,
                instances: Object.fromEntries(Object.keys(before.instances).map((id) => [id, payload.version])),
            };
        }
        return {
            ...before,
            slots: payload.slot ? { ...before.slots, [payload.slot]: { version: payload.version, up: false } } : before.slots,
        };
    }
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
    let nextInstances = { ...before.instances };
    if (instances === '*')
        nextInstances = Object.fromEntries(Object.keys(before.instances).map((id) => [id, payload.version]));
    else if (instances.startsWith(':')) {
        const mask = BigInt(`0x${instances.slice(1)}`);
        nextInstances = Object.fromEntries(Object.keys(before.instances)
            .sort()
            .map((id, index) => [
            id,
            (mask >> BigInt(index)) & 1n ? payload.version : (before.instances[id] ?? payload.version),
        ]));
    }
    return {
        activeSlot: active === 'a1' ? (payload.slot ?? before.activeSlot) : before.activeSlot,
        activeVersion: active === 'a1' ? payload.version : before.activeVersion,
        slots,
        instances: nextInstances,
    };
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
        while (next < items.length) {
            const item = items[next++];
            await work(item);
        }
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
    const { deployments: api, clock, logger, context } = options;
    const lastRead = new Map();
    /** Engine entry id → deployment id, for write. */
    const begun = new Map();
    const lockSeen = new Map();
    let lockTtlMs = 2 * 3_600_000;
    const list = async (key) => {
        const all = await api.listDeployments(key.environment);
        return all.flatMap((deployment) => {
            const payload = parsePayload(deployment.payload);
            return payload && payload.service === key.service && deployment.environment === key.environment
                ? [{ deployment, payload }]
                : [];
        });
    };
    const withStatuses = async (items) => {
        await eachLimited(items.filter((item) => item.statuses === undefined), CONCURRENCY, async (item) => {
            item.statuses = await api.listStatuses(item.deployment.id);
        });
    };
    const holderOf = (known) => ({
        holder: known.payload.run_url ?? (known.statuses?.[0]?.logUrl || `deployment ${known.deployment.id}`),
        since: known.deployment.createdAt,
    });
    const unfinished = (known) => {
        const latest = known.statuses?.[0];
        return latest === undefined || UNFINISHED.has(latest.state);
    };
    const read = async (key) => {
        const known = await list(key);
        await withStatuses(known.slice(0, GITHUB_HISTORY_LIMIT));
        // The state is what the newest finished run left; look further back only if none of the newest finished.
        let last = known.find((item) => item.statuses && TERMINAL.has(outcomeOf(item.statuses).state ?? 'pending'));
        for (let from = GITHUB_HISTORY_LIMIT; !last && from < known.length; from += CONCURRENCY) {
            const batch = known.slice(from, from + CONCURRENCY);
            await withStatuses(batch);
            last = batch.find((item) => item.statuses && TERMINAL.has(outcomeOf(item.statuses).state ?? 'pending'));
        }
        const body = last
            ? applyChange(last.payload, outcomeOf(last.statuses ?? []).state ?? 'error', outcomeOf(last.statuses ?? []).status?.description ?? '')
            : _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .EMPTY_STATE */ .W;
        const state = { ...body, history: known.slice(0, GITHUB_HISTORY_LIMIT).map(toEntry) };
        lastRead.set(keyOf(key), { state, known });
        return state;
    };
    const mark = async (id, state, description, logUrl, environmentUrl) => {
        await api.createStatus(id, {
            state,
            description,
            ...(logUrl ? { logUrl } : {}),
            ...(environmentUrl ? { environmentUrl } : {}),
        });
    };
    return {
        async lock(key, holder, ttlMs) {
            lockTtlMs = ttlMs;
            const known = (await list(key)).slice(0, LOCK_SCAN);
            await withStatuses(known);
            lockSeen.set(keyOf(key), known[0]?.deployment.id ?? 0);
            const now = clock.now();
            for (const item of known.filter(unfinished)) {
                const age = now - Date.parse(item.deployment.createdAt);
                const other = holderOf(item);
                if (age < ttlMs)
                    throw new _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .LockedError */ .b(key, other);
                logger.warning(`${keyOf(key)}: taking over the lock of deployment ${item.deployment.id}, begun by ${other.holder} since ${other.since} and never finished (older than ${Math.round(ttlMs / 60_000)} min; its run must have died); check what it left half done`);
                await mark(item.deployment.id, 'error', `abandoned: never finished; lock taken over by ${holder.holder}`.slice(0, 140));
            }
            return {
                async release() {
                    for (const [entryId, record] of begun) {
                        if (record.finished || keyOf(record.key) !== keyOf(key))
                            continue;
                        record.finished = true;
                        begun.delete(entryId);
                        await mark(record.id, 'error', 'the deploy stopped before it recorded its outcome', context.runUrl);
                    }
                },
            };
        },
        read,
        async begin(key, entry) {
            const before = lastRead.get(keyOf(key))?.state ?? (await read(key));
            const sha = context.sha;
            if (!sha)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShipgateError */ .Yu('no-ref', "state: the github store needs the commit being deployed (GITHUB_SHA) for the deployment's ref");
            const payload = {
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
            const what = entry.kind === 'rollback'
                ? `rollback of ${key.service} to ${entry.version}`
                : `deploy of ${key.service} ${entry.version}`;
            const deployment = await api.createDeployment({
                ref: sha,
                environment: key.environment,
                task: entry.kind === 'rollback' ? 'deploy:rollback' : 'deploy',
                payload: payload,
                description: `shipgate ${what} (${entry.strategy})`.slice(0, 140),
                productionEnvironment: key.environment === 'production',
            });
            const record = { id: deployment.id, finished: false, key };
            begun.set(entry.id, record);
            await mark(deployment.id, 'in_progress', `${what} in progress`.slice(0, 140), entry.runUrl ?? context.runUrl);
            // Two deploys that took the lock at the same moment: the older deployment wins, the younger withdraws.
            const seen = lockSeen.get(keyOf(key)) ?? 0;
            const rivals = (await list(key)).filter((item) => item.deployment.id < deployment.id && item.deployment.id > seen);
            await withStatuses(rivals);
            const rival = rivals.find((item) => unfinished(item) && clock.now() - Date.parse(item.deployment.createdAt) < lockTtlMs);
            if (rival) {
                record.finished = true;
                await mark(deployment.id, 'error', `withdrawn: deployment ${rival.deployment.id} began first`, entry.runUrl ?? context.runUrl);
                throw new _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .LockedError */ .b(key, holderOf(rival));
            }
            return { deploymentId: String(deployment.id) };
        },
        async write(key, state, entry) {
            const record = begun.get(entry.id);
            if (!record)
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShipgateError */ .Yu('state-write', `state: no deployment was begun for ${keyOf(key)} ${entry.version}; cannot record its outcome`);
            const cached = lastRead.get(keyOf(key));
            const before = cached?.state ?? _ports_js__WEBPACK_IMPORTED_MODULE_1__/* .EMPTY_STATE */ .W;
            const result = entry.result === 'succeeded' || entry.result === 'rolled-back' || entry.result === 'failed'
                ? entry.result
                : 'failed';
            const token = encodeChange(before, state, entry.version);
            const noun = entry.kind === 'rollback' ? 'rollback to' : 'deploy';
            const human = result === 'succeeded'
                ? `${noun} ${entry.version} succeeded`
                : `${noun} ${entry.version} ${result === 'rolled-back' ? 'rolled back' : 'failed'}: ${entry.reason ?? 'unknown reason'}`;
            const activated = token.includes(' a1 ');
            await mark(record.id, RESULT_STATE[result], terminalDescription(human, token), entry.runUrl ?? context.runUrl, result === 'succeeded' ? options.environmentUrl : undefined);
            record.finished = true;
            begun.delete(entry.id);
            if (result !== 'succeeded' || !activated)
                return;
            // The version that was live until now is replaced: its deployment goes inactive.
            const previous = (cached?.known ?? []).filter((item) => item.deployment.id !== record.id && item.statuses?.[0]?.state === 'success');
            for (const item of previous) {
                try {
                    await mark(item.deployment.id, 'inactive', `replaced by ${entry.version}`.slice(0, 140));
                }
                catch (error) {
                    logger.warning(`state: could not mark deployment ${item.deployment.id} (${item.payload.version}) inactive: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`);
                }
            }
        },
    };
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
