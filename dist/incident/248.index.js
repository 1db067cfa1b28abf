export const id = 248;
export const ids = [248];
export const modules = {

/***/ 9248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createNodeHttpClient: () => (/* binding */ createNodeHttpClient)
/* harmony export */ });
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1065);

const DEFAULT_MAX_BODY = 64 * 1024;
/**
 * `localhost` is resolved to both loopback addresses and tried with happy eyeballs, so a server that
 * listens only on ::1 (or only on 127.0.0.1) answers whatever /etc/hosts says.
 */
function loopbackAwareLookup(dns) {
    return ((hostname, options, callback) => {
        if (hostname.toLowerCase() !== 'localhost') {
            dns.lookup(hostname, options, callback);
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
 * Every probe uses a fresh connection (no agent), so a reused socket never hides a dead server.
 */
function createNodeHttpClient(now = () => performance.now()) {
    // Each module is loaded on first use: node:https brings TLS, which a plain-http run never needs.
    let lookup;
    const transportFor = (protocol) => (protocol === 'https:'
        ? process.getBuiltinModule('node:https')
        : process.getBuiltinModule('node:http'));
    return {
        request(request, signal) {
            const started = now();
            const elapsed = () => Math.round((now() - started) * 10) / 10;
            return new Promise((resolve) => {
                let settled = false;
                const settle = (result) => {
                    if (settled)
                        return;
                    settled = true;
                    clearTimeout(timer);
                    signal?.removeEventListener('abort', onAbort);
                    req.destroy();
                    resolve(result);
                };
                const url = new URL(request.url);
                const transport = transportFor(url.protocol);
                lookup ??= loopbackAwareLookup(process.getBuiltinModule('node:dns'));
                const headers = { 'user-agent': 'shipgate-healthcheck', ...request.headers };
                if (request.body !== undefined)
                    headers['content-length'] = String(Buffer.byteLength(request.body));
                const options = {
                    method: request.method,
                    headers,
                    agent: false,
                    lookup,
                    autoSelectFamily: true,
                    rejectUnauthorized: !request.insecure,
                };
                const req = transport.request(url, options);
                const timer = setTimeout(() => {
                    settle({
                        kind: 'failure',
                        failure: 'timeout',
                        reason: `no response within ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(request.timeoutMs)}`,
                        latencyMs: elapsed(),
                    });
                }, request.timeoutMs);
                const onAbort = () => settle({ kind: 'failure', failure: 'aborted', reason: 'aborted', latencyMs: elapsed() });
                if (signal?.aborted) {
                    onAbort();
                    return;
                }
                signal?.addEventListener('abort', onAbort, { once: true });
                req.on('error', (error) => {
                    settle({ kind: 'failure', ...describeError(error, url.hostname), latencyMs: elapsed() });
                });
                req.on('response', (res) => {
                    const limit = request.maxBodyBytes ?? DEFAULT_MAX_BODY;
                    const chunks = [];
                    let kept = 0;
                    res.on('data', (chunk) => {
                        if (kept < limit) {
                            chunks.push(chunk.subarray(0, limit - kept));
                            kept += Math.min(chunk.length, limit - kept);
                        }
                    });
                    res.on('end', () => {
                        settle({
                            kind: 'response',
                            status: res.statusCode ?? 0,
                            body: Buffer.concat(chunks).toString('utf8'),
                            latencyMs: elapsed(),
                        });
                    });
                    res.on('error', (error) => {
                        settle({ kind: 'failure', ...describeError(error, url.hostname), latencyMs: elapsed() });
                    });
                });
                req.end(request.body);
            });
        },
    };
}


/***/ })

};
