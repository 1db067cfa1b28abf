export const id = 631;
export const ids = [631];
export const modules = {

/***/ 1631:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  announceIncident: () => (/* binding */ announceIncident)
});

// UNUSED EXPORTS: createNotifiers, incidentNotice, notifyIncident

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ./src/incident/healthcheck-incident.ts + 1 modules
var healthcheck_incident = __webpack_require__(7023);
;// CONCATENATED MODULE: ./src/incident/notify/notification.ts
/**
 * What the team is told outside GitHub (SPEC §5.4): one notice per incident event, sent to each
 * configured channel. The payload builders are pure; the senders are the only part that does I/O.
 */
/** `opened`: a new incident; `repeated`: another failing run of an open one; `resolved`: closed. */
const NOTIFY_EVENTS = (/* unused pure expression or super */ null && (['opened', 'repeated', 'resolved']));
const CHANNELS = ['slack', 'pagerduty'];
function isChannel(value) {
    return CHANNELS.includes(value);
}
/** The channels an event goes to: PagerDuty pages once per incident (trigger) and resolves it; Slack hears all. */
function channelsFor(event, configured) {
    switch (event) {
        case 'opened':
        case 'resolved':
            return [...configured];
        case 'repeated':
            return configured.filter((channel) => channel !== 'pagerduty');
        default: {
            const unknown = event;
            throw new Error(`unknown notify event ${String(unknown)}`);
        }
    }
}
function cut(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// EXTERNAL MODULE: ./src/incident/markers.ts
var markers = __webpack_require__(3943);
;// CONCATENATED MODULE: ./src/incident/notify/notification-record.ts


/**
 * Which channels a run has notified for an event, kept in a hidden marker next to the run's own marker
 * (in the issue body it opened, or the comment it added), so it survives across runs and attempts:
 *
 *   <!-- shipgate:notified run="7001" event="opened" channels="slack pagerduty" -->
 *
 * A re-run (same run id) reads it and sends only what is not recorded: never the same event twice.
 */
const NOTIFIED = /<!-- shipgate:notified run="([^"]*)" event="([a-z]+)" channels="([a-z ]*)" -->\n?/g;
function notifiedChannels(text, runId, event) {
    const found = new Set();
    for (const match of text.matchAll(NOTIFIED)) {
        if (match[1] !== (0,markers/* encodeMarkerValue */.Is)(runId) || match[2] !== event)
            continue;
        for (const name of (match[3] ?? '').split(' '))
            if (isChannel(name))
                found.add(name);
    }
    return found;
}
/** `text` with this run's record for `event` set to `channels` (replacing an earlier one; none removes it). */
function withNotified(text, runId, event, channels) {
    const run = (0,markers/* encodeMarkerValue */.Is)(runId);
    const others = text.replace(NOTIFIED, (all, id, kind) => (id === run && kind === event ? '' : all));
    if (channels.length === 0)
        return others;
    const marker = `<!-- shipgate:notified run="${run}" event="${event}" channels="${[...channels].sort().join(' ')}" -->`;
    return `${others.trimEnd()}\n${marker}\n`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/incident/notify/pagerduty-event.ts


const MAX_DEDUP_KEY = 255;
const MAX_SUMMARY = 1024;
/** SEV-1 pages as critical, SEV-2 as error, SEV-3 as warning. */
function pagerDutySeverity(severity) {
    switch (severity) {
        case 'SEV-1':
            return 'critical';
        case 'SEV-2':
            return 'error';
        case 'SEV-3':
        case undefined:
            return 'warning';
        default: {
            const unknown = severity;
            throw new Error(`unknown severity ${String(unknown)}`);
        }
    }
}
/**
 * The incident's dedup key as PagerDuty's: verbatim when it fits in 255 characters, else a SHA-256 of it
 * (our keys may be 256 characters long), so that trigger and resolve always agree.
 */
function pagerDutyDedupKey(key) {
    return key.length <= MAX_DEDUP_KEY ? key : `sha256:${(0,external_node_crypto_.createHash)('sha256').update(key).digest('hex')}`;
}
/** The event for a notice; undefined for a repeat, which PagerDuty already knows about. */
function buildPagerDutyEvent(notice, routingKey) {
    const dedupKey = pagerDutyDedupKey(notice.dedupKey);
    switch (notice.event) {
        case 'resolved':
            return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
        case 'repeated':
            return undefined;
        case 'opened':
            return trigger(notice, routingKey, dedupKey);
        default: {
            const unknown = notice.event;
            throw new Error(`unknown notify event ${String(unknown)}`);
        }
    }
}
function trigger(notice, routingKey, dedupKey) {
    const links = [{ href: notice.issueUrl, text: `GitHub incident #${notice.issueNumber}` }];
    if (notice.runUrl)
        links.push({ href: notice.runUrl, text: `Workflow run #${notice.runId}` });
    return {
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: dedupKey,
        payload: {
            summary: cut(notice.title.replace(/\s+/g, ' ').trim(), MAX_SUMMARY),
            source: `${notice.service}/${notice.environment}`,
            severity: pagerDutySeverity(notice.severity),
            timestamp: new Date(notice.at).toISOString(),
            component: notice.service,
            group: notice.environment,
            class: notice.origin,
            custom_details: {
                repository: notice.repository,
                incident: notice.issueUrl,
                'dedup key': notice.dedupKey,
                ...(notice.whatFailed ? { 'what failed': cut(notice.whatFailed, 2_000) } : {}),
                ...(notice.runUrl ? { run: notice.runUrl } : {}),
            },
        },
        links,
        client: 'shipgate',
        client_url: notice.issueUrl,
    };
}

;// CONCATENATED MODULE: ./src/incident/notify/slack-message.ts

const WORDS = {
    en: {
        event: { opened: '🚨 Incident opened', repeated: '🔁 Still failing', resolved: '✅ Resolved' },
        severity: 'Severity',
        service: 'Service',
        environment: 'Environment',
        issue: 'Issue',
        whatFailed: 'What failed',
        openIssue: 'Open the incident',
        run: 'Workflow run',
    },
    ko: {
        event: { opened: '🚨 인시던트 발생', repeated: '🔁 계속 실패 중', resolved: '✅ 복구 완료' },
        severity: '심각도',
        service: '서비스',
        environment: '환경',
        issue: '이슈',
        whatFailed: '실패 내용',
        openIssue: '인시던트 열기',
        run: '워크플로 실행',
    },
};
/** Slack's mrkdwn treats `<…>` as links and mentions (`<!channel>`); its docs ask for these three escaped. */
function slackEscape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Untrusted text as inline code: escaped, and without backticks that could end the span. */
function slackCode(text) {
    return `\`${slackEscape(text.replace(/`/g, "'").replace(/\s+/g, ' '))}\``;
}
const mrkdwn = (text, max) => ({ type: 'mrkdwn', text: cut(text, max) });
const plain = (text, max) => ({ type: 'plain_text', text: cut(text, max), emoji: true });
function buildSlackMessage(notice) {
    const w = WORDS[notice.language];
    const where = `${notice.service}/${notice.environment}`;
    const issueLink = `<${notice.issueUrl}|#${notice.issueNumber}>`;
    const blocks = [
        { type: 'header', text: plain(`${w.event[notice.event]}: ${where}`, 150) },
        {
            type: 'section',
            fields: [
                mrkdwn(`*${w.severity}*\n${notice.severity ?? '—'}`, 2_000),
                mrkdwn(`*${w.service}*\n${slackCode(notice.service)}`, 2_000),
                mrkdwn(`*${w.environment}*\n${slackCode(notice.environment)}`, 2_000),
                mrkdwn(`*${w.issue}*\n${issueLink}`, 2_000),
            ],
        },
        {
            type: 'section',
            text: mrkdwn(`*<${notice.issueUrl}|${slackEscape(cut(notice.title, 300))}>*${notice.whatFailed ? `\n*${w.whatFailed}:* ${slackCode(cut(notice.whatFailed, 2_000))}` : ''}`, 3_000),
        },
        {
            type: 'actions',
            elements: [
                { type: 'button', text: plain(`${w.openIssue} #${notice.issueNumber}`, 75), url: notice.issueUrl },
                ...(notice.runUrl
                    ? [{ type: 'button', text: plain(`${w.run} #${notice.runId}`, 75), url: notice.runUrl }]
                    : []),
            ],
        },
        { type: 'context', elements: [mrkdwn(`shipgate · ${notice.repository} · ${slackCode(notice.dedupKey)}`, 2_000)] },
    ];
    return { text: cut(`${w.event[notice.event]}: ${slackEscape(notice.title)} ${notice.issueUrl}`, 3_000), blocks };
}

;// CONCATENATED MODULE: ./src/incident/notify/notifier.ts



/** A notification that did not arrive; the message names the channel and the endpoint's host, never a secret. */
class NotificationError extends errors/* ShipgateError */.Yu {
    channel;
    constructor(channel, message) {
        super('notification-failed', message);
        this.channel = channel;
    }
}
const TIMEOUT_MS = 10_000;
/** A 429, a 5xx or no answer is tried again once, a second later; a 4xx is a wrong payload or key. */
const ATTEMPTS = 2;
const RETRY_DELAY_MS = 1_000;
/** Slack incoming webhook: the URL is the secret (its path), so errors show only its host. */
function createSlackNotifier(webhookUrl, ports) {
    return {
        channel: 'slack',
        send: (notice) => post('slack', webhookUrl, buildSlackMessage(notice), ports),
    };
}
/** PagerDuty Events API v2 at `url`; the routing key is in the body, never in a message. */
function createPagerDutyNotifier(routingKey, url, ports) {
    return {
        channel: 'pagerduty',
        send: async (notice) => {
            const event = buildPagerDutyEvent(notice, routingKey);
            if (event)
                await post('pagerduty', url, event, ports);
        },
    };
}
async function post(channel, url, payload, ports) {
    const body = JSON.stringify(payload);
    let result;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
        if (attempt > 1)
            await ports.clock.sleep(RETRY_DELAY_MS);
        result = await ports.http.request({
            url,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': 'shipgate' },
            body,
            timeoutMs: TIMEOUT_MS,
            maxBodyBytes: 4_096,
        });
        if (result.kind === 'response' && result.status >= 200 && result.status < 300)
            return;
        if (!retryable(result))
            break;
    }
    throw new NotificationError(channel, `${describe(result)} from ${hostOf(url)}`);
}
function retryable(result) {
    return result.kind === 'failure' || result.status === 429 || result.status >= 500;
}
function describe(result) {
    if (!result)
        return 'no attempt';
    if (result.kind === 'failure')
        return result.reason;
    // The receivers answer with a short reason (`invalid_payload`, `Event object is invalid`): keep one line of it.
    const said = result.body.replace(/\s+/g, ' ').trim().slice(0, 120);
    return `HTTP ${result.status}${said ? ` (${said})` : ''}`;
}
function hostOf(url) {
    try {
        return new URL(url).host;
    }
    catch {
        return 'the endpoint';
    }
}

;// CONCATENATED MODULE: ./src/incident/notify/notify-incident.ts





const NOTHING = { sent: [], failed: [], skipped: [] };
/** The senders for the configured channels. */
function createNotifiers(settings, ports) {
    return [
        ...(settings.slack ? [createSlackNotifier(settings.slack.webhookUrl, ports)] : []),
        ...(settings.pagerduty
            ? [createPagerDutyNotifier(settings.pagerduty.routingKey, settings.pagerduty.url, ports)]
            : []),
    ];
}
/**
 * Tells Slack and PagerDuty what the incident action did (opened, repeated, resolved), once per run and
 * event. Nothing here can fail the step: the issue is already written, and a notification that does not
 * arrive is a warning.
 */
async function announceIncident(ports, settings, result) {
    if (settings.action === 'remind' || !result.runRecord || !result.issueUrl)
        return NOTHING;
    const notifiers = createNotifiers(settings.notify, ports);
    if (notifiers.length === 0)
        return NOTHING;
    const notice = incidentNotice(settings, result, result.runRecord, result.issueUrl, ports.clock.now());
    return notifyIncident(ports, notifiers, notice, result.runRecord);
}
/** The notice for what this run did, in the incident's words. */
function incidentNotice(settings, result, record, issueUrl, now) {
    const { subject, context } = settings;
    return {
        event: record.event,
        ...(result.severity ? { severity: result.severity } : {}),
        service: subject.service,
        environment: subject.environment,
        dedupKey: subject.dedupKey,
        title: result.title ?? `${subject.service}/${subject.environment}`,
        ...whatFailed(settings, record),
        origin: settings.health ? 'health check' : settings.report ? 'deploy' : 'manual',
        issueNumber: record.issueNumber,
        issueUrl,
        runId: context.runId,
        runAttempt: context.runAttempt,
        ...(context.runUrl ? { runUrl: context.runUrl } : {}),
        repository: context.repository,
        language: settings.language,
        at: now,
    };
}
function whatFailed(settings, record) {
    if (record.event === 'resolved')
        return {};
    if (settings.health) {
        const failures = (0,healthcheck_incident/* healthFailures */.SC)(settings.health);
        return { whatFailed: settings.health.reason ?? failures.names.join(', ') };
    }
    const reason = settings.report?.failureReason;
    return reason ? { whatFailed: reason } : {};
}
/**
 * Sends `notice` to each notifier its event goes to that this run has not notified yet. What is sent is
 * recorded in the run's own issue body or comment before sending (a run killed mid-send then never
 * sends twice), and a channel that failed is struck from the record afterwards, so a re-run retries it.
 */
async function notifyIncident(ports, notifiers, notice, record) {
    const wanted = channelsFor(notice.event, notifiers.map((n) => n.channel));
    const already = notifiedChannels(record.body, notice.runId, notice.event);
    const pending = notifiers.filter((n) => wanted.includes(n.channel) && !already.has(n.channel));
    const skipped = wanted.filter((channel) => already.has(channel));
    if (pending.length === 0)
        return { sent: [], failed: [], skipped };
    const recorded = await writeRecord(ports, record, notice, [...already, ...pending.map((n) => n.channel)]);
    const sent = [];
    const failed = [];
    for (const notifier of pending) {
        try {
            await notifier.send(notice);
            sent.push(notifier.channel);
        }
        catch (error) {
            failed.push(notifier.channel);
            ports.logger.warning(`incident: could not notify ${label(notifier.channel)} that #${notice.issueNumber} was ${notice.event}: ${(0,errors/* errorMessage */.gJ)(error)}; the incident itself is written, and a re-run of this run tries again`);
        }
    }
    if (failed.length > 0 && recorded !== undefined) {
        await writeRecord(ports, { ...record, body: recorded }, notice, [...already, ...sent]);
    }
    if (sent.length > 0)
        ports.logger.info(`Notified ${sent.map(label).join(' and ')} (${notice.event})`);
    return { sent, failed, skipped };
}
/** Writes the record; on failure warns (a re-run may then notify again) and returns undefined. */
async function writeRecord(ports, record, notice, channels) {
    const body = withNotified(record.body, notice.runId, notice.event, channels);
    try {
        if (record.commentId !== undefined)
            await ports.issues.updateComment(record.commentId, body);
        else
            await ports.issues.updateIssue(record.issueNumber, { body });
        return body;
    }
    catch (error) {
        ports.logger.warning(`incident: could not record the notifications on #${record.issueNumber} (${(0,errors/* errorMessage */.gJ)(error)}); a re-run of this run may send them again`);
        return undefined;
    }
}
function label(channel) {
    switch (channel) {
        case 'slack':
            return 'Slack';
        case 'pagerduty':
            return 'PagerDuty';
        default: {
            const unknown = channel;
            return String(unknown);
        }
    }
}


/***/ })

};
