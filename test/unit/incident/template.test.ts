import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { TemplateValues } from '../../../src/incident/template.js';
import { checkTemplate, fillTemplate, TEMPLATE_PLACEHOLDERS } from '../../../src/incident/template.js';

const values = Object.fromEntries(
  TEMPLATE_PLACEHOLDERS.map((name) => [name, `<${name}>`]),
) as unknown as TemplateValues;

describe('incident templates', () => {
  it.each([
    ['{{service}}/{{environment}}', '<service>/<environment>'],
    ['{{ version }} after {{previousVersion}}', '<version> after <previousVersion>'],
    ['## Cause\n{{cause}}\n## Timeline\n{{timeline}}', '## Cause\n<cause>\n## Timeline\n<timeline>'],
    ['no placeholders', 'no placeholders'],
    ['a single {brace} stays', 'a single {brace} stays'],
  ])('fills %j', (text, filled) => {
    expect(fillTemplate(checkTemplate('t.md', text), values)).toBe(filled);
  });

  it('does not expand placeholders that appear in the values', () => {
    const template = checkTemplate('t.md', '{{cause}}');
    expect(fillTemplate(template, { ...values, cause: '{{service}}' })).toBe('{{service}}');
  });

  it.each([
    ['{{owner}}', 'owner', 1],
    ['line one\n{{ sevrity }}', 'sevrity', 2],
    ['{{}}', '', 1],
    ['${{ github.sha }}', 'github.sha', 1],
  ])('rejects %j, naming the placeholder and its line', (text, name, line) => {
    const error = (() => {
      try {
        checkTemplate('.github/incident.md', text);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toMatch(
      /^incident: input 'template' is '\.github\/incident\.md'; expected a template whose placeholders are all known; /,
    );
    expect(message).toContain(`{{${name}}} on line ${line} is not one of title, severity, service`);
    expect(message).not.toContain('\n');
  });
});
