#!/usr/bin/env node
// Generates the per-action reference (docs/actions/<name>.md) from each action.yml, so the docs cannot
// drift from the inputs the runner actually reads. `--check` exits 1 when a generated file is stale.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');

const cell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');
const code = (text) => (text === undefined || text === '' ? '' : `\`${String(text).replace(/`/g, "'")}\``);

export function renderActionDoc(name, action) {
  const lines = [
    `# ${action.name}`,
    '',
    `<!-- Generated from actions/${name}/action.yml by \`npm run docs\`; do not edit. -->`,
    '',
    cell(action.description),
    '',
    '```yaml',
    `- uses: shipgate/shipgate/actions/${name}@v1`,
    // Only the required inputs; an action with none gets no (empty, and so invalid) `with:`.
    ...withRequired(action.inputs ?? {}),
    '```',
    '',
    '## Inputs',
    '',
    '| input | required | default | description |',
    '| --- | --- | --- | --- |',
    ...Object.entries(action.inputs ?? {}).map(
      ([input, spec]) =>
        `| \`${input}\` | ${spec.required ? 'yes' : 'no'} | ${code(spec.default)} | ${cell(spec.description)} |`,
    ),
    '',
    '## Outputs',
    '',
    '| output | description |',
    '| --- | --- |',
    ...Object.entries(action.outputs ?? {}).map(([output, spec]) => `| \`${output}\` | ${cell(spec.description)} |`),
    '',
    `Runs on \`${action.runs.using}\`${action.runs.post ? ', with a post step' : ''}.`,
    '',
  ];
  return lines.join('\n');
}

const stale = [];
mkdirSync(join(root, 'docs', 'actions'), { recursive: true });
for (const name of readdirSync(join(root, 'actions')).sort()) {
  const file = join(root, 'actions', name, 'action.yml');
  if (!existsSync(file)) continue;
  const target = join(root, 'docs', 'actions', `${name}.md`);
  const text = renderActionDoc(name, parse(readFileSync(file, 'utf8')));
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current === text) continue;
  if (check) stale.push(target);
  else writeFileSync(target, text);
}
if (stale.length > 0) {
  console.error(`stale generated docs (run npm run docs): ${stale.join(', ')}`);
  process.exit(1);
}

function withRequired(inputs) {
  const required = Object.entries(inputs)
    .filter(([, spec]) => spec.required)
    .map(([input]) => `    ${input}: …`);
  return required.length > 0 ? ['  with:', ...required] : [];
}
