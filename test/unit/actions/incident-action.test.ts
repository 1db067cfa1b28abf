import { describe, expect, it } from 'vitest';
import { type IncidentAdapters, run } from '../../../src/incident/incident-action.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeIssues } from '../../support/fake-issues.js';
import { FakeRuntime } from '../../support/fake-runtime.js';
import { canaryRolledBack, NO_FILES, OPENED_AT, RUN } from '../incident/fixtures.js';

function fakes() {
  const clock = new FakeClock(OPENED_AT);
  const issues = new FakeIssues(() => clock.now());
  const tokens: string[] = [];
  const adapters: IncidentAdapters = {
    clock,
    readFile: NO_FILES.readFile,
    issues: async (options) => {
      tokens.push(options.token);
      return issues;
    },
    // No notification is configured in these tests, so nothing may send one.
    http: async () => ({
      request: async () => {
        throw new Error('no notification is configured; nothing should be sent');
      },
    }),
  };
  return { adapters, issues, tokens };
}

describe('incident action run', () => {
  it('opens one incident from the deploy report, with the outputs and the summary', async () => {
    const runtime = new FakeRuntime(
      { action: 'open', 'deploy-report': JSON.stringify(canaryRolledBack()), 'github-token': 'ghs_issues' },
      { context: RUN },
    );
    const { adapters, issues, tokens } = fakes();
    await run(runtime, adapters);
    expect(runtime.failures).toEqual([]);
    expect(issues.issues).toHaveLength(1);
    expect(runtime.outputs).toMatchObject({ 'action-taken': 'created', 'issue-number': '1' });
    expect(runtime.summary).toContain('SEV-2');
    expect(tokens).toEqual(['ghs_issues']);
    expect(runtime.secrets).toContain('ghs_issues');
  });

  it('refuses a bad action with one line, exit 1, and never builds the GitHub client', async () => {
    const runtime = new FakeRuntime({ action: 'close', 'github-token': 'ghs_issues' }, { context: RUN });
    const { adapters, tokens } = fakes();
    await run(runtime, adapters);
    expect(runtime.failures).toEqual([expect.stringMatching(/^incident: input 'action' is 'close'; expected /)]);
    expect(runtime.exitCode).toBe(1);
    expect(tokens).toEqual([]);
  });

  it('asks for a token when none is given', async () => {
    const runtime = new FakeRuntime(
      { action: 'open', 'deploy-report': JSON.stringify(canaryRolledBack()) },
      { context: RUN },
    );
    const { adapters, tokens } = fakes();
    await run(runtime, adapters);
    expect(runtime.failures).toEqual([expect.stringMatching(/^incident: input 'github-token' is missing; expected /)]);
    expect(tokens).toEqual([]);
  });
});
