import type { ActionRuntime } from '../core/action-runtime.js';
import { ShipgateError } from '../core/errors.js';
import { liveness, processOf } from '../state/lock-liveness.js';
import type { LockInfo } from '../state/ports.js';
import type { DeployAdapters } from './deploy-action.js';
import { parseRollbackInputs, ROLLBACK_INPUT_NAMES } from './deploy-inputs.js';
import { resolveDeploySettings } from './settings.js';

/** The lock's holder runs: unlocking it would let two deploys change the same slots. */
export class LockAliveError extends ShipgateError {
  constructor(where: string, lock: LockInfo) {
    const process = processOf(lock);
    const runs = process ? `process ${process.pid} still runs on ${process.host}` : 'process still runs';
    super(
      'lock-alive',
      `unlock: ${where} is locked by ${lock.holder} since ${lock.since}, whose ${runs}; stop it first (Ctrl-C routes traffic back), or wait for it`,
    );
  }
}

/**
 * `shipgate unlock --environment E [--service S]` (SPEC §8a): releases a lock whose holder is dead or
 * killed, naming it, and records its unfinished run as killed in the history, so that `rollback`
 * re-applies the stable route. A holder still running on this host is refused; one that cannot be told
 * from here (a GitHub run, another host) is released on the operator's word.
 */
export async function run(runtime: ActionRuntime, adapters: DeployAdapters): Promise<void> {
  try {
    const parsed = parseRollbackInputs(runtime.inputs(ROLLBACK_INPUT_NAMES), runtime.context);
    const { context, logger } = runtime;
    const { config } = adapters.loadConfig(parsed.configPath, context.workspace, 'unlock');
    const inputs = { service: parsed.service, environment: parsed.environment, version: '-' } as const;
    // The service and environment must exist: a typo must not "unlock" nothing and say so happily.
    const settings = resolveDeploySettings(
      config,
      { ...inputs, phase: 'full', rollbackOnError: true, dryRun: false },
      parsed.configPath,
    );
    const store = await adapters.createStateStore({ ...parsed, context, logger });
    const { holder } = adapters.buildDeployPorts(settings, { store, context, logger });
    const key = { service: parsed.service, environment: parsed.environment };
    const where = `${key.service}/${key.environment}`;
    const held = await store.readLock(key);
    const alive = held ? liveness(held, held.expiresAt).alive : undefined;
    if (held && alive === 'alive') throw new LockAliveError(where, held);
    const released = held ? await store.unlock(key, holder) : null;
    runtime.setOutput('result', released ? 'unlocked' : 'noop');
    if (!released) return logger.info(`unlock: ${where} is not locked; nothing to do`);
    const state = alive === 'dead' || alive === 'expired' ? 'dead or expired' : 'not known to be running';
    logger.warning(
      `unlock: released the lock of ${where} held by ${released.holder} since ${released.since} (${state}); its unfinished run is recorded as killed: run 'shipgate rollback' to re-apply the stable route`,
    );
  } catch (error) {
    runtime.fail(error);
  }
}
