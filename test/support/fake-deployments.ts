import type { DeploymentRecord, DeploymentStatusRecord, DeploymentsPort } from '../../src/github/github-deployments.js';

/**
 * A Deployments API of a few arrays, serving the filters the store uses (`environment`, `task`, one page
 * of `limit`) and counting requests: enough for engine tables; the e2e tests and B7 use the emulator.
 */
export function fakeDeploymentsPort(now: () => number) {
  const deployments: DeploymentRecord[] = [];
  const statuses = new Map<number, DeploymentStatusRecord[]>();
  let id = 100;
  let requests = 0;
  const at = (): string => new Date(now()).toISOString();
  const port: DeploymentsPort = {
    listDeployments: async (environment, filter = {}) => {
      requests += 1;
      const found = deployments
        .filter((d) => d.environment === environment && (filter.task === undefined || d.task === filter.task))
        .sort((a, b) => b.id - a.id);
      return filter.limit === undefined ? found : found.slice(0, Math.min(100, filter.limit));
    },
    listStatuses: async (deploymentId) => {
      requests += 1;
      return [...(statuses.get(deploymentId) ?? [])].sort((a, b) => b.id - a.id);
    },
    createDeployment: async (d) => {
      requests += 1;
      id += 1;
      const record: DeploymentRecord = {
        id,
        environment: d.environment,
        task: d.task,
        ref: d.ref,
        sha: d.ref,
        payload: d.payload,
        description: d.description,
        createdAt: at(),
      };
      deployments.push(record);
      return record;
    },
    createStatus: async (deploymentId, s) => {
      requests += 1;
      id += 1;
      const record: DeploymentStatusRecord = {
        id,
        state: s.state,
        description: s.description,
        logUrl: s.logUrl ?? '',
        environmentUrl: s.environmentUrl ?? '',
        createdAt: at(),
      };
      statuses.set(deploymentId, [...(statuses.get(deploymentId) ?? []), record]);
      return record;
    },
  };
  return { port, deployments, statuses, requests: () => requests };
}
