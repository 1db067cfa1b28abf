import type { Language } from './language.js';
import { isLanguage } from './language.js';
import type { Severity } from './severity.js';
import { isSeverity } from './severity.js';

/**
 * Hidden HTML comments that let shipgate find its own issues and comments again, by label plus marker,
 * without the search API (whose index lags):
 *
 *   <!-- shipgate:incident key="api/production" -->                         the dedup key, verbatim
 *   <!-- shipgate:scope service="api" environment="production" severity="SEV-2" language="en" -->
 *   <!-- shipgate:run id="812345" attempt="2" event="open" -->              one per run that wrote
 *
 * The run marker matches on run id and event only: a re-run is the same run id with a new attempt, and
 * must not add a second comment. `event` keeps a run that both opened and resolved apart.
 */
export const INCIDENT_LABEL = 'incident';

export const MARKER_EVENTS = ['open', 'resolve', 'remind'] as const;
export type MarkerEvent = (typeof MARKER_EVENTS)[number];

export interface IncidentScope {
  readonly service?: string;
  readonly environment?: string;
  readonly severity?: Severity;
  readonly language?: Language;
}

export interface IncidentMarker extends IncidentScope {
  readonly key: string;
}

export interface RunMark {
  readonly runId: string;
  readonly runAttempt?: number;
  readonly event: MarkerEvent;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/**
 * Makes a value safe inside a quoted attribute of an HTML comment, keeping it readable: only `& " < >`
 * and control characters are escaped, so nothing can close the comment or the quotes early.
 */
export function encodeMarkerValue(value: string): string {
  return value.replace(/[&"<>\u0000-\u001f\u007f]/g, (char) => ENTITIES[char] ?? `&#${char.charCodeAt(0)};`);
}

export function decodeMarkerValue(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|#\d{1,3});/g, (_all, entity: string) => {
    switch (entity) {
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      default:
        return String.fromCharCode(Number(entity.slice(1)));
    }
  });
}

function marker(kind: string, attributes: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  const parts = attributes
    .filter((entry): entry is readonly [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${encodeMarkerValue(String(value))}"`);
  return `<!-- shipgate:${kind}${parts.join('')} -->`;
}

export function incidentMarker(key: string): string {
  return marker('incident', [['key', key]]);
}

export function scopeMarker(scope: IncidentScope): string {
  return marker('scope', [
    ['service', scope.service],
    ['environment', scope.environment],
    ['severity', scope.severity],
    ['language', scope.language],
  ]);
}

export function runMarker(mark: RunMark): string {
  return marker('run', [
    ['id', mark.runId],
    ['attempt', mark.runAttempt],
    ['event', mark.event],
  ]);
}

const MARKER = /<!-- shipgate:([a-z]+)((?:\s+[a-z-]+="[^"]*")*)\s*-->/g;
const ATTRIBUTE = /([a-z-]+)="([^"]*)"/g;

interface ParsedMarker {
  readonly kind: string;
  readonly attributes: ReadonlyMap<string, string>;
}

function parseMarkers(text: string): ParsedMarker[] {
  return [...text.matchAll(MARKER)].map((match) => ({
    kind: match[1] ?? '',
    attributes: new Map(
      [...(match[2] ?? '').matchAll(ATTRIBUTE)].map((a) => [a[1] ?? '', decodeMarkerValue(a[2] ?? '')]),
    ),
  }));
}

/** The incident marker of an issue body (the last one, as shipgate appends its markers), with its scope. */
export function readIncidentMarker(body: string): IncidentMarker | undefined {
  const markers = parseMarkers(body);
  const incident = markers.filter((m) => m.kind === 'incident' && m.attributes.has('key')).at(-1);
  if (!incident) return undefined;
  const scope = markers.filter((m) => m.kind === 'scope').at(-1)?.attributes;
  const severity = scope?.get('severity');
  const language = scope?.get('language');
  return {
    key: incident.attributes.get('key') ?? '',
    service: scope?.get('service'),
    environment: scope?.get('environment'),
    severity: severity !== undefined && isSeverity(severity) ? severity : undefined,
    language: language !== undefined && isLanguage(language) ? language : undefined,
  };
}

/** Whether `text` (an issue body or a comment) carries the marker of this run for this event. */
export function hasRunMarker(text: string, runId: string, event: MarkerEvent): boolean {
  return parseMarkers(text).some(
    (m) => m.kind === 'run' && m.attributes.get('id') === runId && m.attributes.get('event') === event,
  );
}
