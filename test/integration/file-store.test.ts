import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';
import { createFileStateStore } from '../../src/state/file-store.js';
import type { HistoryEntry } from '../../src/state/ports.js';
import { LockedError } from '../../src/state/ports.js';
import { node24, repoRoot } from '../support/paths.js';

/**
 * The file store shared by real processes: each child is Node 24 running the store's TypeScript source
 * directly (type stripping, with a resolve hook mapping the `.js` import specifiers to the `.ts` files),
 * so the code under test is the same code, not a copy.
 */
const LOADER = `
import { registerHooks } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
registerHooks({
  resolve(specifier, context, next) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      const ts = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
      if (existsSync(fileURLToPath(ts))) return next(ts.href, context);
    }
    return next(specifier, context);
  },
});
`;

/** A child: waits for START (epoch ms), then does MODE against the store at STATE_FILE; one JSON line per outcome. */
const CHILD = `
const { createFileStateStore } = await import(process.env.STORE_URL);
const { systemClock } = await import(process.env.CLOCK_URL);
const say = (value) => process.stdout.write(JSON.stringify(value) + '\\n');
const logger = { info() {}, debug() {}, mask() {}, warning: (m) => say({ warning: m }), error: (m) => say({ error: m }) };
const store = createFileStateStore({ path: process.env.STATE_FILE, clock: systemClock, logger });
const name = process.env.NAME;
const key = { service: 'api', environment: 'production' };
while (Date.now() < Number(process.env.START)) await new Promise((r) => setTimeout(r, 1));
if (process.env.MODE === 'lock') {
  try {
    await store.lock(key, { holder: name, since: new Date().toISOString() }, 60_000);
    say({ name, locked: true });
  } catch (error) {
    say({ name, locked: false, error: error.name, message: error.message });
  }
} else if (process.env.MODE === 'history') {
  for (let i = 0; i < Number(process.env.COUNT); i += 1) {
    const entry = { id: name + '-' + i, kind: 'deploy', version: String(i), previousVersion: null, strategy: 'rolling', slot: null,
      result: 'planned', reason: null, startedAt: new Date().toISOString(), finishedAt: null, runUrl: null, rollbackOf: null };
    await store.begin({ service: name, environment: 'production' }, entry);
  }
  say({ name, done: true });
} else if (process.env.MODE === 'hold') {
  await store.lock(key, { holder: name, since: '2026-11-22T03:00:00.000Z' }, Number(process.env.TTL_MS));
  say({ name, locked: true });
  setInterval(() => {}, 1000);
}
`;

const silent: Logger = { info: () => {}, warning: () => {}, error: () => {}, debug: () => {}, mask: () => {} };

describe('file state store shared by processes', () => {
  let support: string;
  let dir: string;
  let stateFile: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    support = mkdtempSync(join(tmpdir(), 'shipgate-store-loader-'));
    writeFileSync(join(support, 'loader.mjs'), LOADER);
  });
  afterAll(() => rmSync(support, { recursive: true, force: true }));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-store-'));
    stateFile = join(dir, '.shipgate', 'state.json');
  });
  afterEach(() => {
    for (const child of children.splice(0)) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a child; `lines` resolves with its JSON lines when it exits, `first` with its first line. */
  function child(env: Record<string, string>): {
    process: ChildProcess;
    lines: Promise<Array<Record<string, unknown>>>;
    first: Promise<Record<string, unknown>>;
  } {
    const proc = spawn(
      node24,
      ['--import', pathToFileURL(join(support, 'loader.mjs')).href, '--input-type=module', '-e', CHILD],
      {
        cwd: dir,
        env: {
          ...process.env,
          STORE_URL: pathToFileURL(join(repoRoot, 'src', 'state', 'file-store.ts')).href,
          CLOCK_URL: pathToFileURL(join(repoRoot, 'src', 'core', 'clock.ts')).href,
          STATE_FILE: stateFile,
          NODE_NO_WARNINGS: '1',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(proc);
    let out = '';
    let err = '';
    let onFirst: ((line: Record<string, unknown>) => void) | undefined;
    const first = new Promise<Record<string, unknown>>((resolve) => (onFirst = resolve));
    proc.stdout?.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) onFirst?.(JSON.parse(line) as Record<string, unknown>);
    });
    proc.stderr?.setEncoding('utf8').on('data', (text: string) => (err += text));
    const lines = new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
      proc.on('exit', (code, signal) => {
        if (code !== 0) reject(new Error(`child ${env.NAME} exited ${code ?? signal}: ${err}${out}`));
        else
          resolve(
            out
              .split('\n')
              .filter((line) => line !== '')
              .map((line) => JSON.parse(line) as Record<string, unknown>),
          );
      });
    });
    return { process: proc, lines, first };
  }

  it('lets exactly one of eight racing deploys (six processes, two in this one) take the lock', async () => {
    const start = Date.now() + 1_500; // every child has started by then
    const racers = Array.from({ length: 6 }, (_, i) =>
      child({ MODE: 'lock', NAME: `process-${i}`, START: String(start) }),
    );
    const here = async (name: string): Promise<Record<string, unknown>> => {
      const store = createFileStateStore({ path: stateFile, clock: systemClock, logger: silent });
      while (Date.now() < start) await new Promise((resolve) => setTimeout(resolve, 1));
      try {
        await store.lock(
          { service: 'api', environment: 'production' },
          { holder: name, since: new Date().toISOString() },
          60_000,
        );
        return { name, locked: true };
      } catch (error) {
        expect(error).toBeInstanceOf(LockedError);
        return { name, locked: false, message: (error as Error).message };
      }
    };
    const outcomes = [
      ...(await Promise.all([
        ...racers.map(async (racer) => (await racer.lines)[0] ?? {}),
        here('this-process-a'),
        here('this-process-b'),
      ])),
    ];
    const winners = outcomes.filter((outcome) => outcome.locked === true);
    expect(winners).toHaveLength(1);
    const winner = String(winners[0]?.name);
    for (const loser of outcomes.filter((outcome) => outcome.locked !== true)) {
      expect(loser.message).toMatch(
        new RegExp(`^api/production is being deployed by ${winner} since \\S+; refusing a second deploy$`),
      );
    }
    const stored = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      environments: Record<string, { lock?: { holder: string } }>;
    };
    expect(stored.environments['api/production']?.lock?.holder).toBe(winner);
    expect(readdirSync(join(dir, '.shipgate'))).toEqual(['state.json']);
  });

  it('loses no update when four processes write their history into the same file at once', async () => {
    const start = Date.now() + 1_500;
    const writers = Array.from({ length: 4 }, (_, i) =>
      child({ MODE: 'history', NAME: `svc${i}`, START: String(start), COUNT: '15' }),
    );
    await Promise.all(writers.map((writer) => writer.lines));
    const store = createFileStateStore({ path: stateFile, clock: systemClock, logger: silent });
    for (let i = 0; i < 4; i += 1) {
      const history = (await store.read({ service: `svc${i}`, environment: 'production' })).history;
      expect(history.map((entry: HistoryEntry) => entry.id)).toEqual(
        Array.from({ length: 15 }, (_, n) => `svc${i}-${14 - n}`),
      );
    }
    expect(readdirSync(join(dir, '.shipgate'))).toEqual(['state.json']);
  });

  it('keeps the lock of a process that crashed until it expires, then takes it over with a warning', async () => {
    const holder = child({ MODE: 'hold', NAME: 'crashed-run', START: '0', TTL_MS: '1500' });
    expect(await holder.first).toEqual({ name: 'crashed-run', locked: true });
    const takenAt = Date.now();
    holder.process.kill('SIGKILL');
    await holder.lines.catch(() => undefined);

    const warnings: string[] = [];
    const store = createFileStateStore({
      path: stateFile,
      clock: systemClock,
      logger: { ...silent, warning: (message) => warnings.push(message) },
    });
    const key = { service: 'api', environment: 'production' };
    await expect(store.lock(key, { holder: 'next-run', since: new Date().toISOString() }, 60_000)).rejects.toThrow(
      'api/production is being deployed by crashed-run since 2026-11-22T03:00:00.000Z; refusing a second deploy',
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, takenAt + 1_600 - Date.now())));
    const lock = await store.lock(key, { holder: 'next-run', since: new Date().toISOString() }, 60_000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^api\/production: taking over the lock held by crashed-run since 2026-11-22T03:00:00.000Z, which expired at /,
    );
    await lock.release();
    expect(existsSync(`${stateFile}.lock`)).toBe(false);
  });
});
