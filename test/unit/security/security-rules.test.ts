import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeployReport } from '../../../src/core/deploy-report-schema.js';
import { errorLine, InputError, ShipgateError } from '../../../src/core/errors.js';
import { jsonDepth, tooDeep } from '../../../src/core/json-depth.js';
import { placeholderOutsideDoubleQuotes } from '../../../src/core/placeholders.js';
import { createSecretMask, headerSecrets, hideDeep, urlSecrets, withoutUserInfo } from '../../../src/core/secrets.js';
import { workspaceFile } from '../../../src/core/workspace-path.js';
import { parseMetrics } from '../../../src/health/analysis/metric-settings.js';
import { inertBlock, inertCode, inertText } from '../../../src/incident/markdown.js';

describe('secrets', () => {
  it.each([
    ['Bearer s3cr3t-token', ['Bearer s3cr3t-token', 's3cr3t-token']],
    ['token ghp_abc', ['token ghp_abc', 'ghp_abc']],
    ['plain-api-key', ['plain-api-key']],
    [`Basic ${Buffer.from('deployer:hunter22').toString('base64')}`, ['deployer:hunter22', 'hunter22']],
  ])('finds the credential parts of the header value %j', (value, expected) => {
    expect(headerSecrets(value)).toEqual(expect.arrayContaining(expected));
  });

  it('finds URL user-info, as written and decoded, even in a URL that does not parse', () => {
    expect(urlSecrets('http://deployer:p%40ss@127.0.0.1/')).toEqual(
      expect.arrayContaining(['deployer:p%40ss', 'p%40ss', 'p@ss']),
    );
    expect(urlSecrets('http://u:pa%zzss@host/')).toContain('pa%zzss');
    expect(urlSecrets('http://127.0.0.1/')).toEqual([]);
    expect(withoutUserInfo('http://deployer:pass@127.0.0.1:8080/health')).toBe('http://***@127.0.0.1:8080/health');
  });

  it('hides a secret as written, JSON-escaped and URL-encoded', () => {
    const mask = createSecretMask();
    mask.add('pa"ss word');
    const json = JSON.stringify({ body: 'echo pa"ss word' });
    expect(mask.hide(json)).toBe('{"body":"echo ***"}');
    expect(mask.hide('x=pa%22ss%20word')).toBe('x=***');
    expect(hideDeep({ a: ['pa"ss word'], n: 1 }, mask.hide)).toEqual({ a: ['***'], n: 1 });
  });
});

describe('error lines', () => {
  it('escapes control characters and caps the line at 1,000 characters', () => {
    const line = errorLine(new ShipgateError('x', `bad \u001b[31mred\u001b[0m\nsecond ${'y'.repeat(5000)}`));
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toContain('\\x1b[31mred');
    expect(line.length).toBeLessThanOrEqual(1000);
    expect(line).toMatch(/more characters\)$/);
  });

  it('never says "unexpected error: " with nothing after it', () => {
    const error = Object.assign(new Error(''), { code: 'EAI_AGAIN' });
    expect(errorLine(error)).toBe('unexpected error: Error EAI_AGAIN without a message');
  });

  it('masks before it cuts, so no half secret survives the cap', () => {
    const secret = 'z'.repeat(40);
    const line = errorLine(new InputError('headers', `${'a'.repeat(960)}${secret}`, 'x'), (text) =>
      text.split(secret).join('***'),
    );
    expect(line).not.toContain('zzzz');
  });
});

describe('deep JSON', () => {
  it('counts nesting without recursion, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonDepth('['.repeat(60_000))).toBe(60_000);
    expect(tooDeep('['.repeat(65))).toBe('nested 65 deep; at most 64 levels are read');
  });

  it('refuses a deploy report 60,000 [ deep with one line, not a stack overflow', () => {
    expect(parseDeployReport('['.repeat(60_000))).toEqual({
      ok: false,
      error: 'nested 60000 deep; at most 64 levels are read',
    });
  });
});

describe('PromQL placeholders', () => {
  it.each([
    ['rate(x{version="{version}"}[1m])', undefined],
    ["rate(x{version='{version}'}[1m])", '{version}'],
    ['rate(x{version=`{version}`}[1m])', '{version}'],
    ['rate(x[1m]) > {version}', '{version}'],
    ['x{a="\\"{slot}"}', undefined],
    ['x{a="b"} # "{slot}"', '{slot}'],
    ['x{code=~"5.."}', undefined],
  ])('%s: the first placeholder outside a double-quoted string is %s', (query, expected) => {
    expect(placeholderOutsideDoubleQuotes(query)?.text).toBe(expected);
  });

  it('refuses a backtick-quoted placeholder with the key path', () => {
    const yaml = '- name: errors\n  query: sum(rate(x{version=`{version}`}[1m]))\n  max: 1\n';
    expect(() => parseMetrics(yaml, 'healthcheck')).toThrow(
      /input 'metrics' metric 'errors' key 'query' is .*; expected a query whose placeholders sit inside double-quoted strings, like version="\{version\}" \(\{version\} does not\)/,
    );
  });
});

describe('inert Markdown', () => {
  const hostile = '@org/security-team <img src=x> <!-- shipgate:run id="7002" event="resolve" --> ``` `';

  it('keeps a hostile body in a code span with no marker left', () => {
    const span = inertCode(hostile);
    expect(span).not.toContain('<!--');
    expect(span).toMatch(/^`{4} /);
  });

  it('fences a block with more backticks than any run inside', () => {
    const block = inertBlock('a\n```\nb ````');
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
  });

  it('neutralises mentions, HTML and links in prose', () => {
    const text = inertText(hostile);
    expect(text).not.toMatch(/@org|<img|<!--/);
  });
});

describe('workspace paths', () => {
  const root = mkdtempSync(join(tmpdir(), 'shipgate-ws-'));
  mkdirSync(join(root, '.github'));
  writeFileSync(join(root, '.github', 'incident.md'), '# x');
  symlinkSync('/etc/passwd', join(root, 'passwd-link'));
  const options = { scope: 'incident', example: '.github/incident.md' };

  it.each(['/etc/passwd', '../../outside.txt', '.github/../../x', 'passwd-link'])('refuses %s', (path) => {
    expect(() => workspaceFile('template', path, root, options)).toThrow(
      /^incident: input 'template' is .*; expected a path inside the workspace, like \.github\/incident\.md/,
    );
  });

  it('accepts a relative or absolute path inside it', () => {
    expect(workspaceFile('template', '.github/incident.md', root, options)).toBe(join(root, '.github/incident.md'));
    expect(workspaceFile('template', join(root, 'new.md'), root, options)).toBe(join(root, 'new.md'));
  });
});

describe('PR comment size', () => {
  it('cuts a summary over the comment limit at a line break, saying so', async () => {
    const { capComment } = await import('../../../src/health/healthcheck.js');
    const summary = Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`).join('\n');
    const capped = capComment(summary, 65_000);
    expect(capped.length).toBeLessThanOrEqual(65_000);
    expect(capped).toMatch(/\|\n\n… \(cut to fit a pull request comment; the job summary has all of it\)\n$/);
    expect(capComment('short', 65_000)).toBe('short');
  });
});
