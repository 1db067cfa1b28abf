export const id = 248;
export const ids = [248];
export const modules = {

/***/ 9248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createNodeHttpClient: () => (/* binding */ createNodeHttpClient)
/* harmony export */ });
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1065);

const DEFAULT_MAX_BODY = 64 * 1024;
/** A gap between requests longer than this closes the kept connections (see createNodeHttpClient). */
const REUSE_GAP_MS = 250;
/**
 * Keep-alive agents shared by the requests of one burst. A new generation of agents starts after a pause
 * of REUSE_GAP_MS, and when a URL comes round again: the next probe of an address never rides the
 * previous probe's socket, so a kept connection cannot pin probes to one process (two containers sharing
 * a port during a Swarm start-first update) or hide a server that stopped accepting. A retired
 * generation's sockets are closed once its last request is over, never under a request in flight.
 */
function burstAgents(now) {
    const fresh = () => ({ agents: new Map(), seen: new Set(), active: 0, retired: false });
    const close = (generation) => {
        for (const agent of generation.agents.values())
            agent.destroy();
    };
    let current = fresh();
    let lastUse = Number.NEGATIVE_INFINITY;
    return (url) => {
        const time = now();
        if (time - lastUse > REUSE_GAP_MS || current.seen.has(url.href)) {
            current.retired = true;
            if (current.active === 0)
                close(current);
            current = fresh();
        }
        lastUse = time;
        const generation = current;
        generation.seen.add(url.href);
        generation.active += 1;
        return {
            agent: agentOf(generation.agents, url.protocol),
            release: () => {
                generation.active -= 1;
                if (generation.retired && generation.active === 0)
                    close(generation);
            },
        };
    };
}
function agentOf(agents, protocol) {
    let agent = agents.get(protocol);
    if (!agent) {
        const transport = process.getBuiltinModule(protocol === 'https:' ? 'node:https' : 'node:http');
        agent = new transport.Agent({ keepAlive: true, scheduling: 'lifo' });
        agents.set(protocol, agent);
    }
    return agent;
}
/**
 * `localhost` is resolved to both loopback addresses and tried with happy eyeballs, so a server that
 * listens only on ::1 (or only on 127.0.0.1) answers whatever /etc/hosts says. node:dns is loaded on the
 * first name that needs it: net never calls a lookup for an IP address, so a probe of 127.0.0.1 does not
 * load it (start-up, SPEC §9 B1).
 */
function loopbackAwareLookup() {
    return ((hostname, options, callback) => {
        if (hostname.toLowerCase() !== 'localhost') {
            process.getBuiltinModule('node:dns').lookup(hostname, options, callback);
            return;
        }
        const addresses = [
            { address: '127.0.0.1', family: 4 },
            { address: '::1', family: 6 },
        ].filter((entry) => !options.family || options.family === entry.family);
        if (options.all)
            callback(null, addresses);
        else
            callback(null, addresses[0]?.address, addresses[0]?.family);
    });
}
function describeError(error, host) {
    const code = error.code ?? '';
    if (code === 'ECONNREFUSED')
        return { failure: 'refused', reason: 'connection refused' };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_NONAME') {
        return { failure: 'dns', reason: `DNS lookup failed for ${host} (${code})` };
    }
    if (code === 'ECONNRESET' || code === 'EPIPE' || error.message === 'socket hang up') {
        return { failure: 'reset', reason: 'connection reset by the server before a response' };
    }
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME_MISMATCH|EPROTO/.test(code) ||
        /certificate|SSL|TLS/i.test(error.message)) {
        return { failure: 'tls', reason: `TLS error: ${error.message}${code ? ` (${code})` : ''}` };
    }
    if (code === 'ETIMEDOUT')
        return { failure: 'timeout', reason: `connect timed out (${code})` };
    if (error instanceof AggregateError) {
        const inner = error.errors[0];
        if (inner)
            return describeError(inner, host);
    }
    return { failure: 'other', reason: `${error.message}${code ? ` (${code})` : ''}` };
}
/**
 * The real HTTP client. It loads node:http through process.getBuiltinModule: under Node 24 an ESM
 * import of node:http also loads undici, which costs start-up time the healthcheck budget cannot spare.
 *
 * Connections are reused only within a burst of requests (one round of many URLs, SPEC §9 B3): opening
 * a connection per probe made 1,000 probes spend most of their time in connect(), with thousands of
 * sockets left in TIME_WAIT. A pause of REUSE_GAP_MS, or a URL probed again, starts fresh connections
 * (see burstAgents), so each probe of an address connects afresh.
 */
function createNodeHttpClient(now = () => performance.now()) {
    const lookup = loopbackAwareLookup();
    const agentFor = burstAgents(now);
    return {
        request(request, signal) {
            const started = now();
            const elapsed = () => Math.round((now() - started) * 10) / 10;
            let lease;
            try {
                lease = agentFor(new URL(request.url));
            }
            catch {
                // Settings check URLs up front; a URL that still does not parse is a failed probe, never a throw.
                return Promise.resolve({ kind: 'failure', failure: 'other', reason: 'not a valid URL', latencyMs: 0 });
            }
            return exchange(request, { lookup, agent: lease.agent }, elapsed, signal).finally(lease.release);
        },
    };
}
/** Each module is loaded on first use: node:https brings TLS, which a plain-http run never needs. */
function transportFor(protocol) {
    return (protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http'));
}
function requestOptions(request, { lookup, agent }) {
    const headers = { 'user-agent': 'shipgate-healthcheck', ...request.headers };
    if (request.body !== undefined)
        headers['content-length'] = String(Buffer.byteLength(request.body));
    const options = {
        method: request.method,
        headers,
        agent,
        lookup,
        autoSelectFamily: true,
        rejectUnauthorized: !request.insecure,
    };
    return options;
}
/**
 * One request and its response, settled once: by the response's end, an error, the timeout or the
 * caller's signal, whichever comes first; a failed exchange destroys its socket. Never rejects.
 */
function exchange(request, connection, elapsed, signal) {
    return new Promise((resolve) => {
        const url = new URL(request.url);
        const req = transportFor(url.protocol).request(url, requestOptions(request, connection));
        let settled = false;
        const settle = (result) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            // A whole response leaves its socket to the agent for the next request of the burst.
            if (result.kind !== 'response')
                req.destroy();
            resolve(result);
        };
        const fail = (error) => settle({ kind: 'failure', ...describeError(error, url.hostname), latencyMs: elapsed() });
        const timeout = `no response within ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(request.timeoutMs)}`;
        const timer = setTimeout(() => settle({ kind: 'failure', failure: 'timeout', reason: timeout, latencyMs: elapsed() }), request.timeoutMs);
        const onAbort = () => settle({ kind: 'failure', failure: 'aborted', reason: 'aborted', latencyMs: elapsed() });
        if (signal?.aborted)
            return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        req.on('error', fail);
        req.on('response', (res) => readResponse(res, request.maxBodyBytes ?? DEFAULT_MAX_BODY, elapsed, settle, fail));
        req.end(request.body);
    });
}
/** Keeps the first `limit` bytes of the body (the rest is read and dropped) and settles at its end. */
function readResponse(res, limit, elapsed, settle, fail) {
    const chunks = [];
    let kept = 0;
    res.on('data', (chunk) => {
        if (kept >= limit)
            return;
        chunks.push(chunk.subarray(0, limit - kept));
        kept += Math.min(chunk.length, limit - kept);
    });
    res.on('end', () => {
        settle({
            kind: 'response',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            latencyMs: elapsed(),
        });
    });
    res.on('error', fail);
}


/***/ })

};
