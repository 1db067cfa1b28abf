/**
 * What counts as a secret, and text with the secrets hidden (SPEC §10). Pure, so the engine can mask
 * what it sends to GitHub and notifications with the same list the runtime masks its log with.
 */

/**
 * Registers a secret with the run's log (the runner's own masking) and with `mask`, which hides it in
 * what the engine sends elsewhere (GitHub bodies, notifications).
 */
export function registerSecret(logger: { mask(secret: string): void }, mask: SecretMask, secret: string): void {
  for (const value of mask.add(secret)) logger.mask(value);
}

/** A list of secrets and the text with them replaced by `***`. */
export interface SecretMask {
  /** Registers each line of `secret` (of 2 characters or more) and its encoded forms; returns the new ones. */
  add(secret: string): string[];
  hide(text: string): string;
}

export function createSecretMask(): SecretMask {
  const secrets: string[] = [];
  return {
    add(secret) {
      const added: string[] = [];
      for (const value of encodedForms(secret)) {
        if (value.length < 2 || secrets.includes(value)) continue;
        secrets.push(value);
        added.push(value);
      }
      // Longest first, so a secret that contains another is hidden whole.
      secrets.sort((a, b) => b.length - a.length);
      return added;
    },
    hide: (text) => scrubUserInfo(secrets.reduce((masked, secret) => masked.split(secret).join('***'), text)),
  };
}

/**
 * Every `scheme://user:password@` in a text becomes `scheme://***@`: URLs are shown without user-info
 * everywhere (SPEC §10), also where their credentials were never registered (an error that quotes one).
 */
export function scrubUserInfo(text: string): string {
  return text.replace(/\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^\s/?#@'"`<>]+@/g, '$1***@');
}

/**
 * Each line of a secret, and the forms it takes once written into a JSON string (the `report` output)
 * or a URL: a password with a `"` or a space must be hidden there too.
 */
function encodedForms(secret: string): string[] {
  const forms: string[] = [];
  for (const part of secret.split(/\r?\n/)) {
    const value = part.trim();
    if (value === '') continue;
    forms.push(value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value));
  }
  return [...new Set(forms)];
}

const AUTH_SCHEME = /^(bearer|basic|token|digest|negotiate|apikey|api-key)\s+(\S.*)$/i;

/**
 * The secrets in one header value: the whole value and, for an `Authorization`-style value
 * (`Bearer x`, `Basic x`, `token x`), the credential alone — a body that echoes only the token must not
 * show it. A Basic credential is also decoded, so an echoed `user:password` is hidden.
 */
export function headerSecrets(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed === '') return [];
  const scheme = AUTH_SCHEME.exec(trimmed);
  if (!scheme) return [trimmed];
  const credential = (scheme[2] ?? '').trim();
  const secrets = [trimmed, credential];
  if (scheme[1]?.toLowerCase() === 'basic') secrets.push(...basicSecrets(credential));
  return secrets;
}

function basicSecrets(credential: string): string[] {
  if (!/^[A-Za-z0-9+/]+=*$/.test(credential)) return [];
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.includes('\uFFFD')) return [];
  return [decoded, decoded.slice(colon + 1)];
}

/**
 * The secrets in a URL's user-info: `user:password` as written and decoded, and the password alone. A
 * URL that does not parse is scanned by hand, so a bad one is masked before the error line shows it.
 */
export function urlSecrets(text: string): string[] {
  const userInfo = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#\s]*)@/.exec(text.trim())?.[1];
  if (!userInfo) return [];
  const colon = userInfo.indexOf(':');
  const password = colon >= 0 ? userInfo.slice(colon + 1) : '';
  const secrets = [userInfo];
  if (password) secrets.push(password, safeDecode(password));
  if (colon < 0) secrets.push(safeDecode(userInfo));
  return secrets.filter((secret) => secret !== '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URL as shown anywhere (logs, summary, report, issues): user-info becomes `***`. */
export function withoutUserInfo(text: string): string {
  return text.replace(/^(\s*[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/?#\s]*@/, '$1***@');
}

/**
 * A copy of a JSON-like value with `hide` applied to every string in it, so a report is masked before
 * anything renders or cuts it: a description cut at 140 characters must not keep half a secret.
 */
export function hideDeep<T>(value: T, hide: (text: string) => string): T {
  if (typeof value === 'string') return hide(value) as T;
  if (Array.isArray(value)) return value.map((item) => hideDeep(item, hide)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hideDeep(item, hide)])) as T;
  }
  return value;
}

/** Whether a URL's user-info (if any) has only valid %-escapes; checked without parsing the URL, so a
 * template like `http://u:p@{address}/` can be checked too. */
export function userInfoIsValid(text: string): boolean {
  const userInfo = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#\s]*)@/.exec(text.trim())?.[1];
  if (userInfo === undefined) return true;
  try {
    decodeURIComponent(userInfo);
    return true;
  } catch {
    return false;
  }
}
