import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withHealthContent } from '../../../src/incident/healthcheck-incident.js';
import { renderIncidentBody } from '../../../src/incident/incident-body.js';
import type { Language } from '../../../src/incident/language.js';
import { readIncidentMarker } from '../../../src/incident/markers.js';
import { checkTemplate } from '../../../src/incident/template.js';
import { repoRoot } from '../../support/paths.js';
import { readinessDown } from './health-fixtures.js';

/** examples/incident-scenarios: runbook 003's DB, Redis and overload templates, checked and rendered. */

const dir = join(repoRoot, 'examples', 'incident-scenarios');
const templates = readdirSync(dir)
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .sort();

const HEADINGS: Record<Language, RegExp> = {
  en: /^## (Impact|Cause|Mitigation|Recovery verification|Follow-up|Timeline)$/,
  ko: /^## (영향|원인|임시조치|복구검증|(용량\/성능 )?후속조치|타임라인)$/,
};

describe('examples/incident-scenarios', () => {
  it('has the DB, Redis and overload templates in English and Korean', () => {
    expect(templates).toEqual([
      'db.en.md',
      'db.ko.md',
      'overload.en.md',
      'overload.ko.md',
      'redis.en.md',
      'redis.ko.md',
    ]);
  });

  it.each(templates)('%s fills from a failing monitor, in the order of runbook 003', (name) => {
    const language = name.split('.')[1] as Language;
    const template = checkTemplate(name, readFileSync(join(dir, name), 'utf8'));
    const draft = withHealthContent(
      {
        severity: 'SEV-2',
        language,
        service: 'api',
        environment: 'production',
        dedupKey: 'api/production/db',
        sections: {},
        repository: 'acme/shop',
        run: { id: '9001', attempt: 1 },
        now: Date.parse('2026-11-22T03:01:05Z'),
      },
      readinessDown(),
    );
    const body = renderIncidentBody(draft, template);
    expect(body).not.toContain('{{');
    const headings = body.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toHaveLength(6);
    for (const heading of headings) expect(heading).toMatch(HEADINGS[language]);
    expect(body).toContain('| `http://10.0.0.11:8080/health/ready` |');
    expect(readIncidentMarker(body)?.key).toBe('api/production/db');
  });
});
