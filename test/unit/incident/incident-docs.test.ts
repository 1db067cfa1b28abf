import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_PLACEHOLDERS } from '../../../src/incident/template.js';
import { repoRoot } from '../../support/paths.js';

const read = (...path: string[]): string => readFileSync(join(repoRoot, ...path), 'utf8');

describe('docs/incident.md and its examples', () => {
  it.each([
    ['issue-en', 'incident-en'],
    ['issue-ko', 'incident-ko'],
    ['comments-en', 'incident-comments-en'],
    ['comments-ko', 'incident-comments-ko'],
  ])('docs/incident-examples/%s.md is the rendered snapshot %s.md', (example, snapshot) => {
    const doc = read('docs', 'incident-examples', `${example}.md`);
    const rendered = read('test', 'unit', 'incident', '__snapshots__', `${snapshot}.md`);
    expect(doc).toBe(
      `<!-- Rendered by shipgate: a copy of test/unit/incident/__snapshots__/${snapshot}.md, kept equal by test/unit/incident/incident-docs.test.ts. -->\n\n${rendered}`,
    );
  });

  it('lists every template placeholder, and no other', () => {
    const guide = read('docs', 'incident.md');
    const section = guide.slice(guide.indexOf('\n## Templates\n'), guide.indexOf('\n## Outputs\n'));
    const listed = [...section.matchAll(/^\| `\{\{(\w+)\}\}` \|/gm)].map((match) => match[1]);
    expect(listed).toEqual([...TEMPLATE_PLACEHOLDERS]);
  });
});
