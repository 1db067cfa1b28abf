import { describe, expect, it } from 'vitest';
import { renderDeploySummary } from '../../../src/deploy/deploy-summary.js';
import type { Plan } from '../../../src/deploy/plan.js';
import { canaryRolledBack } from '../incident/fixtures.js';

describe('renderDeploySummary', () => {
  it('shows a rolled-back canary: outcome, why, every step, the gate evidence and a timeline', async () => {
    const summary = await renderDeploySummary(canaryRolledBack(), null);
    const lines = summary.split('\n');
    expect(lines[0]).toBe('### shipgate deploy: api 1.4.2 → production: ↩️ rolled back');
    expect(summary).toContain('| canary | 1.4.2 | 1.4.1 | blue | rolled-back | 130s |');
    expect(summary).toContain('**Why:** gate 10%: error-rate: 0.1267 > max 0.01 on 3 of 4 measurements');
    expect(summary).toContain('**Rollback:** every step was undone; traffic is back on the stable version.');
    expect(summary).toContain('| 1 | deploy green | ✅ succeeded | 20s | deploy exit 0 |');
    expect(summary).toMatch(/\| 4 \| gate 10% \| ❌ failed \| 1m \| gate failed: error-rate: 0\.1267 > max 0\.01/);
    expect(summary).toContain('| 5 | ↩️ route 100% to blue | ✅ succeeded | 1s | route exit 0 |');
    expect(summary).toContain('<details><summary>gate 10%: gate failed</summary>');
    expect(summary).toContain('| http://127.0.0.1:8082/actuator/health | healthy | 30 | 200 | 5 ms | 14 ms |  |');
    // The metric evidence of a report read back from JSON: no provider or planned count in it.
    expect(summary).toContain('### ❌ Metric analysis: Failed');
    expect(summary).toContain('Query (4 of 4 measurements):');
    expect(summary).toContain('| 03:01:06 | 0.0833 | <= 0.01 | ❌ Failed |');
    expect(summary).toContain('```mermaid\ngantt');
    expect(summary).toContain('  section deploy\n  deploy green :done, s0,');
    expect(summary).toContain('  section rollback\n  route 100% to blue :done, s4,');
  });

  it('shows the plan of a dry run, numbered, and no steps', async () => {
    const report = { ...canaryRolledBack(), result: 'planned' as const, failureReason: null, steps: [] };
    const plan: Plan = {
      strategy: 'blue-green',
      phase: 'prepare',
      version: '1.4.2',
      previousVersion: '1.4.1',
      stableSlot: 'blue',
      newSlot: 'green',
      steps: [
        { kind: 'deploy', name: 'deploy 1.4.2 to green', version: '1.4.2', slot: 'green', addresses: ['a:1'] },
        { kind: 'wait', name: 'wait | 1s', ms: 1_000 },
      ],
    };
    const summary = await renderDeploySummary({ ...report, rollback: { attempted: false, succeeded: false } }, plan);
    expect(summary).toContain(': 📝 planned (dry run)');
    expect(summary).toContain('| canary (prepare) |');
    expect(summary).toContain('#### Plan\n\n1. deploy 1.4.2 to green\n2. wait \\| 1s\n');
    expect(summary).not.toContain('#### Steps');
  });

  it('says a rollback run rolled back from which version to which, with its reason', async () => {
    const report = {
      ...canaryRolledBack(),
      operation: 'rollback' as const,
      result: 'aborted' as const,
      rollbackReason: 'bad release',
    };
    const summary = await renderDeploySummary(report, null);
    expect(summary.split('\n')[0]).toBe(
      '### shipgate rollback: api 1.4.1 → 1.4.2 on production: ⛔ aborted (nothing changed)',
    );
    expect(summary).toContain('**Reason:** bad release\n');
  });
});
