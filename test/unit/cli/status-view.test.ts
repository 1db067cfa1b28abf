import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { liveness } from '../../../src/cli/status-command.js';
import { renderStatus, type StatusView } from '../../../src/cli/status-view.js';
import { styleFor } from '../../../src/cli/terminal.js';
import type { HistoryEntry } from '../../../src/state/ports.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const deadPid = (): number => {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(gone.stdout);
};

describe('lock liveness', () => {
  it.each([
    ['a CLI holder on this host that runs', `me@box pid ${process.pid}`, undefined, 'alive'],
    ['a CLI holder on this host that is gone', `me@box pid ${deadPid()}`, undefined, 'dead'],
    ['a CLI holder on another host', `me@other pid ${process.pid}`, undefined, 'unknown'],
    ['a GitHub Actions run', 'https://github.com/o/r/actions/runs/1', undefined, 'unknown'],
    ['an expired lock', `me@box pid ${process.pid}`, '2026-11-30T11:00:00Z', 'expired'],
  ])('says %s is %s', (_what, holder, expiresAt, alive) => {
    expect(liveness(holder, expiresAt, NOW, 'box').alive).toBe(alive);
  });
});

const entry = (over: Partial<HistoryEntry> & { phase?: string }): HistoryEntry =>
  ({
    id: 'x',
    kind: 'deploy',
    version: '1.4.2',
    previousVersion: '1.4.1',
    strategy: 'blue-green',
    slot: 'green',
    result: 'succeeded',
    reason: null,
    startedAt: '2026-11-30T11:00:00.000Z',
    finishedAt: '2026-11-30T11:06:00.000Z',
    runUrl: null,
    rollbackOf: null,
    ...over,
  }) as HistoryEntry;

const view: StatusView = {
  service: 'api',
  environment: 'production',
  activeVersion: '1.4.2',
  activeSlot: 'green',
  slots: { blue: { version: '1.4.1', up: false }, green: { version: '1.4.2', up: true } },
  instances: {},
  weights: { source: 'router', weights: { blue: 80, green: 20 } },
  target: [],
  lock: { holder: 'me@box pid 7', since: '2026-11-30T11:59:00Z', alive: 'dead', why: 'no process 7 on this host' },
  drift: ['the router sends blue=80% green=20%; the record says green=100%'],
  history: [
    entry({ phase: 'switch' }),
    entry({ version: '1.4.3', finishedAt: null, result: 'failed', reason: 'in progress' }),
  ],
};

describe('renderStatus', () => {
  it('shows versions, traffic, the lock with liveness, drift and history with phases as aligned text', () => {
    const text = renderStatus(view, styleFor(false, {}));
    expect(text).toContain('  active version: 1.4.2 on green\n  blue: 1.4.1 (retired)\n  green: 1.4.2 (up)\n');
    expect(text).toContain('  traffic: blue=80% green=20% (as the router has it)\n');
    expect(text).toContain(
      '  lock: held by me@box pid 7 since 2026-11-30T11:59:00Z; holder dead (no process 7 on this host)\n',
    );
    expect(text).toContain('  drift: the router sends blue=80% green=20%; the record says green=100%\n');
    const rows = text.split('\n').filter((line) => line.includes('2026-11-30T11:00:00.000Z'));
    expect(rows[0]).toMatch(/deploy +switch +1\.4\.2 +blue-green +succeeded +6m/);
    expect(rows[1]).toMatch(/deploy +– +1\.4\.3 +blue-green +in progress +–$/);
    expect(rows[0]?.indexOf('1.4.2')).toBe(rows[1]?.indexOf('1.4.3')); // aligned
    expect(text).not.toMatch(/\u001b|\|/);
  });
});
