import { describe, expect, it } from 'vitest';
import {
  INCIDENT_DEFAULTS,
  INCIDENT_INPUT_NAMES,
  parseIncidentInputs,
} from '../../../src/incident/incident-settings.js';
import { incidentOutputs } from '../../../src/incident/incident-summary.js';
import { readActionYaml } from '../../support/action-runner.js';
import { NO_FILES, RUN } from './fixtures.js';

type IncidentActionYaml = ReturnType<typeof readActionYaml> & {
  inputs: Record<string, { default?: string; required?: boolean; description?: string }>;
  outputs: Record<string, { description?: string }>;
};

const action = readActionYaml('incident') as IncidentActionYaml;

describe('actions/incident/action.yml', () => {
  it('declares exactly the inputs the settings read, in the same order', () => {
    expect(Object.keys(action.inputs)).toEqual([...INCIDENT_INPUT_NAMES]);
  });

  it('declares the defaults the settings use, and the job token for github-token', () => {
    const defaults = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([name, spec]) => spec.default !== undefined && name !== 'github-token')
        .map(([name, spec]) => [name, spec.default]),
    );
    expect(defaults).toEqual(INCIDENT_DEFAULTS);
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
  });

  it('requires no input, so a bare `uses:` step with a deploy report is enough', () => {
    expect(Object.entries(action.inputs).filter(([, spec]) => spec.required === true)).toEqual([]);
  });

  it('describes every input and output', () => {
    const undocumented = [...Object.entries(action.inputs), ...Object.entries(action.outputs)]
      .filter(([, spec]) => (spec.description ?? '').trim().length < 20)
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('declares exactly the outputs the action writes', () => {
    const written = incidentOutputs({ action: 'open', actionTaken: 'none', created: false, detail: '' });
    expect(Object.keys(action.outputs).sort()).toEqual(Object.keys(written).sort());
  });

  it('runs the incident bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: '../../dist/incident/index.js' });
  });

  it('hands the token to the settings, trimmed, and leaves it out when blank', async () => {
    const raw = { environment: 'production', 'github-token': ' ghs_abc \n' };
    expect((await parseIncidentInputs(raw, RUN, NO_FILES)).githubToken).toBe('ghs_abc');
    const blank = { environment: 'production', 'github-token': '  ' };
    expect((await parseIncidentInputs(blank, RUN, NO_FILES)).githubToken).toBeUndefined();
  });
});
