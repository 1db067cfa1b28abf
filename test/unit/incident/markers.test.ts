import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMarkerValue,
  encodeMarkerValue,
  hasRunMarker,
  incidentMarker,
  readIncidentMarker,
  runMarker,
  scopeMarker,
} from '../../../src/incident/markers.js';

/** Keys made mostly of what could break out of a comment or an attribute. */
const keys = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '-',
        '--',
        '>',
        '<',
        '"',
        "'",
        '&',
        '&amp;',
        '&#10;',
        '\n',
        '\r',
        '\u0000',
        '\u007f',
        '결제',
        'é',
      ),
      fc.string({ maxLength: 3 }),
    ),
  )
  .map((parts) => parts.join(''));

describe('dedup marker', () => {
  it('keeps a plain key verbatim', () => {
    expect(incidentMarker('api/production')).toBe('<!-- shipgate:incident key="api/production" -->');
  });

  it.each([
    ['a key that would close the comment', 'api --> <b>x</b>'],
    ['quotes', 'say "hi"'],
    ['a newline', 'api\nproduction'],
    ['entities already escaped', 'a &amp; b'],
    ['Korean', '결제/운영'],
  ])('reads back %s', (_name, key) => {
    const body = `text\n\n${incidentMarker(key)}\n`;
    expect(body.split('-->').length).toBe(2);
    expect(readIncidentMarker(body)?.key).toBe(key);
  });

  it('reads back every key, and never lets it out of the comment', () => {
    fc.assert(
      fc.property(keys, (key) => {
        const marker = incidentMarker(key);
        expect(marker.indexOf('-->')).toBe(marker.length - 3);
        expect(decodeMarkerValue(encodeMarkerValue(key))).toBe(key);
        expect(readIncidentMarker(marker)?.key).toBe(key);
      }),
    );
  });

  it('reads the scope written next to it', () => {
    const body = [
      incidentMarker('api/production'),
      scopeMarker({ service: 'api', environment: 'production', severity: 'SEV-2', language: 'ko' }),
    ].join('\n');
    expect(readIncidentMarker(body)).toEqual({
      key: 'api/production',
      service: 'api',
      environment: 'production',
      severity: 'SEV-2',
      language: 'ko',
    });
  });

  it('finds nothing in a body without a marker', () => {
    expect(readIncidentMarker('## Impact\n\n<!-- a comment -->')).toBeUndefined();
  });
});

describe('run marker', () => {
  const body = runMarker({ runId: '812345', runAttempt: 1, event: 'open' });

  it('matches a re-run of the same run (same id, new attempt)', () => {
    expect(hasRunMarker(body, '812345', 'open')).toBe(true);
  });

  it('does not match another run, or another event of the same run', () => {
    expect(hasRunMarker(body, '812346', 'open')).toBe(false);
    expect(hasRunMarker(body, '812345', 'resolve')).toBe(false);
  });
});
