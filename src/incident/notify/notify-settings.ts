import { InputError } from '../../core/errors.js';
import type { Channel } from './notification.js';

/** Where incidents are announced (inputs `slack-webhook-url`, `pagerduty-routing-key`, `pagerduty-url`). */
export interface NotifySettings {
  readonly slack?: { readonly webhookUrl: string };
  readonly pagerduty?: { readonly routingKey: string; readonly url: string };
}

export const DEFAULT_PAGERDUTY_URL = 'https://events.pagerduty.com/v2/enqueue';

export interface NotifyInputs {
  readonly 'slack-webhook-url'?: string;
  readonly 'pagerduty-routing-key'?: string;
  readonly 'pagerduty-url'?: string;
}

const SCOPE = 'incident';

/**
 * The secrets among the notification inputs, for the entry to mask before anything is logged: the
 * webhook URL (its path is the credential), the routing key, and any user-info in `pagerduty-url`.
 */
export function notifySecrets(raw: NotifyInputs): string[] {
  const secrets = [raw['slack-webhook-url'], raw['pagerduty-routing-key']].flatMap((value) =>
    value?.trim() ? [value.trim()] : [],
  );
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/]+)@/i.exec(raw['pagerduty-url']?.trim() ?? '')?.[1];
  return userInfo ? [...secrets, userInfo] : secrets;
}

/**
 * Checks the notification inputs. A secret never appears in an error line: the value is shown by its
 * length only (the runtime masks it too, but a line that needs masking is one leak away from a log).
 */
export function parseNotifySettings(raw: NotifyInputs): NotifySettings {
  const webhook = raw['slack-webhook-url']?.trim();
  const routingKey = raw['pagerduty-routing-key']?.trim();
  const url = raw['pagerduty-url']?.trim() || DEFAULT_PAGERDUTY_URL;
  if (webhook && !isHttpUrl(webhook)) {
    throw new InputError('slack-webhook-url', hidden(webhook), 'the https:// URL of a Slack incoming webhook', {
      scope: SCOPE,
    });
  }
  if (routingKey && !/^[A-Za-z0-9]{32}$/.test(routingKey)) {
    throw new InputError(
      'pagerduty-routing-key',
      hidden(routingKey),
      'the 32-character integration key of a PagerDuty Events API v2 integration',
      { scope: SCOPE },
    );
  }
  if (!isHttpUrl(url)) {
    throw new InputError('pagerduty-url', url, 'the http:// or https:// URL of the PagerDuty Events API', {
      scope: SCOPE,
    });
  }
  return {
    ...(webhook ? { slack: { webhookUrl: webhook } } : {}),
    ...(routingKey ? { pagerduty: { routingKey, url } } : {}),
  };
}

export function configuredChannels(settings: NotifySettings): Channel[] {
  return [...(settings.slack ? (['slack'] as const) : []), ...(settings.pagerduty ? (['pagerduty'] as const) : [])];
}

function hidden(secret: string): string {
  return `*** (${secret.length} characters)`;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
