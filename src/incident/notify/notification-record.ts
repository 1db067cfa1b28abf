import { encodeMarkerValue } from '../markers.js';
import type { Channel, NotifyEvent } from './notification.js';
import { isChannel } from './notification.js';

/**
 * Which channels a run has notified for an event, kept in a hidden marker next to the run's own marker
 * (in the issue body it opened, or the comment it added), so it survives across runs and attempts:
 *
 *   <!-- shipgate:notified run="7001" event="opened" channels="slack pagerduty" -->
 *
 * A re-run (same run id) reads it and sends only what is not recorded: never the same event twice.
 */

const NOTIFIED = /<!-- shipgate:notified run="([^"]*)" event="([a-z]+)" channels="([a-z ]*)" -->\n?/g;

export function notifiedChannels(text: string, runId: string, event: NotifyEvent): Set<Channel> {
  const found = new Set<Channel>();
  for (const match of text.matchAll(NOTIFIED)) {
    if (match[1] !== encodeMarkerValue(runId) || match[2] !== event) continue;
    for (const name of (match[3] ?? '').split(' ')) if (isChannel(name)) found.add(name);
  }
  return found;
}

/** `text` with this run's record for `event` set to `channels` (replacing an earlier one; none removes it). */
export function withNotified(text: string, runId: string, event: NotifyEvent, channels: readonly Channel[]): string {
  const run = encodeMarkerValue(runId);
  const others = text.replace(NOTIFIED, (all, id: string, kind: string) => (id === run && kind === event ? '' : all));
  if (channels.length === 0) return others;
  const marker = `<!-- shipgate:notified run="${run}" event="${event}" channels="${[...channels].sort().join(' ')}" -->`;
  return `${others.trimEnd()}\n${marker}\n`;
}
