import { parseConfig } from '../../../src/deploy/config.js';
import type { DeployAdapters } from '../../../src/deploy/deploy-action.js';
import type { HttpClient } from '../../../src/health/http-client.js';
import { EMPTY_STATE, type EnvironmentState, type StateStore } from '../../../src/state/ports.js';
import type { Orchestrator } from '../../../src/target/orchestrator.js';
import { describeRoute, type Router, type WorkloadDriver } from '../../../src/target/ports.js';
import { FakeClock } from '../../support/fake-clock.js';

export const CONFIG = `version: 1
services:
  web:
    environments:
      production:
        strategy: canary
        target: { kind: command, deploy: "./deploy.sh", slots: { blue: ["10.0.0.1:80"], green: ["10.0.0.2:80"] } }
        router: { kind: command, route: "./route.sh" }
        health: { url: "http://{address}/health" }
        canary: { steps: [ { weight: 10 } ] }
`;

/** A state store in memory; `begin` gives deployment id 42, as the github store would. */
export function memoryStore(initial: EnvironmentState = EMPTY_STATE): StateStore & { state: EnvironmentState } {
  const store = {
    state: initial,
    async lock() {
      return { release: async () => undefined, renew: async () => undefined };
    },
    async readLock() {
      return null;
    },
    async unlock() {
      return null;
    },
    async read() {
      return store.state;
    },
    async begin() {
      return { deploymentId: '42' };
    },
    async write(_key: unknown, state: Omit<EnvironmentState, 'history'>) {
      store.state = { ...state, history: store.state.history };
    },
  };
  return store;
}

/** Fakes for every port of a deploy: hooks that record, a router that records the weights, healthy HTTP. */
export function deployFakes(options: { initial?: EnvironmentState; orchestrator?: Orchestrator } = {}) {
  const hooks: string[] = [];
  const routes: string[] = [];
  const store = memoryStore(options.initial);
  const clock = new FakeClock();
  const driver: WorkloadDriver = {
    async deploy(values) {
      hooks.push(`deploy ${values.version} ${values.slot ?? ''}`.trim());
      return { hook: 'deploy', exitCode: 0, durationMs: 1, timedOut: false };
    },
    async retire(values) {
      hooks.push(`retire ${values.slot ?? ''}`.trim());
      return { hook: 'retire', exitCode: 0, durationMs: 1, timedOut: false };
    },
  };
  const router: Router = {
    async apply(route) {
      routes.push(describeRoute(route));
      return { hooks: [] };
    },
  };
  const http: HttpClient = {
    request: async () => ({ kind: 'response', status: 200, body: '{}', latencyMs: 2 }),
  };
  const stateKinds: string[] = [];
  const adapters: DeployAdapters = {
    loadConfig: () => ({ config: parseConfig(CONFIG, '.github/shipgate.yml') }),
    createStateStore: async (request) => {
      stateKinds.push(request.state);
      return store;
    },
    buildDeployPorts: (_settings, ports) => ({
      driver,
      ...(options.orchestrator ? { orchestrator: options.orchestrator } : {}),
      router,
      store: ports.store,
      http,
      clock,
      logger: ports.logger,
      context: ports.context,
      holder: 'test',
      newId: () => 'entry-1',
      ...(ports.progress ? { progress: ports.progress } : {}),
    }),
  };
  return { adapters, hooks, routes, store, clock, stateKinds };
}
