import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withHealthContent } from '../../../src/incident/healthcheck-incident.js';
import { renderIncidentBody } from '../../../src/incident/incident-body.js';
import type { Language } from '../../../src/incident/language.js';
import { readIncidentMarker } from '../../../src/incident/markers.js';
import { checkTemplate } from '../../../src/incident/template.js';
import { repoRoot } from '../../support/paths.js';
import { canaryRolledBack } from './fixtures.js';
import { readinessDown } from './health-fixtures.js';

/**
 * examples/003-python-api/incident-templates: runbook 003's DB, Redis, deploy/release and overload
 * templates, checked and rendered (the deploy template from a rolled-back deploy, the others from a
 * failing monitor).
 */

const dir = join(repoRoot, 'examples', '003-python-api', 'incident-templates');
const templates = readdirSync(dir)
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .sort();

const HEADINGS: Record<Language, RegExp> = {
  en: /^## (Impact|Cause|Mitigation|Recovery verification|Follow-up|Timeline)$/,
  ko: /^## (영향|원인|임시조치|복구검증|(용량\/성능 )?후속조치|타임라인)$/,
};
// The deploy/release template's fifth section is the runbook's own: 롤백/재배포 기록.
const DEPLOY_HEADINGS: Record<Language, string[]> = {
  en: ['Impact', 'Cause', 'Mitigation', 'Recovery verification', 'Rollback / redeploy record', 'Timeline'],
  ko: ['영향', '원인', '임시조치', '복구검증', '롤백/재배포 기록', '타임라인'],
};

describe('examples/003-python-api/incident-templates', () => {
  it('has the DB, Redis, deploy/release and overload templates in English and Korean', () => {
    expect(templates).toEqual([
      'db.en.md',
      'db.ko.md',
      'deploy.en.md',
      'deploy.ko.md',
      'overload.en.md',
      'overload.ko.md',
      'redis.en.md',
      'redis.ko.md',
    ]);
  });

  it.each(templates.filter((name) => !name.startsWith('deploy.')))(
    '%s fills from a failing monitor, in the order of runbook 003',
    (name) => {
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
    },
  );

  it.each(['deploy.en.md', 'deploy.ko.md'])(
    '%s fills from a rolled-back deploy, in the order of runbook 003',
    (name) => {
      const language = name.split('.')[1] as Language;
      const template = checkTemplate(name, readFileSync(join(dir, name), 'utf8'));
      const report = canaryRolledBack();
      const body = renderIncidentBody(
        {
          severity: 'SEV-2',
          language,
          service: 'api',
          environment: 'production',
          version: report.version,
          previousVersion: report.previousVersion ?? undefined,
          dedupKey: 'api/production',
          report,
          sections: {},
          repository: 'acme/shop',
          run: { id: '812345', attempt: 1, url: 'https://github.com/acme/shop/actions/runs/812345' },
          now: Date.parse('2026-11-22T03:02:30Z'),
        },
        template,
      );
      expect(body).not.toContain('{{');
      const headings = body.split('\n').filter((line) => line.startsWith('## '));
      expect(headings).toEqual(DEPLOY_HEADINGS[language].map((heading) => `## ${heading}`));
      expect(body).toContain('`1.4.2` → `1.4.1`');
      expect(body).toContain('[#812345](https://github.com/acme/shop/actions/runs/812345)');
      expect(body).toContain('| `error-rate` |');
      expect(readIncidentMarker(body)?.key).toBe('api/production');
    },
  );
});
