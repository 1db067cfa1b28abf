import { expandPlaceholders, placeholdersIn } from '../core/placeholders.js';
import type { CommandTarget } from './command-probe.js';
import type { Expectations, ProbeTarget } from './http-probe.js';
import type { GateTarget } from './probe-target.js';
import type { TcpTarget } from './tcp-probe.js';

/**
 * The checks of a deploy's health gate (SPEC §4 `health:`), as settings: each becomes one probe target per
 * address of the slot or batch being gated (when it names `{address}`, `{host}` or `{port}`; a command
 * always runs per address), or one target.
 */
export type HealthCheck =
  | {
      readonly kind: 'http';
      /** With placeholders not yet expanded. */
      readonly url: string;
      readonly method: string;
      readonly headers: Readonly<Record<string, string>>;
      readonly body?: string;
      readonly expect: Expectations;
    }
  | { readonly kind: 'tcp' /** `{host}:13306`, `{address}`, `db.internal:3306`. */; readonly address: string }
  | { readonly kind: 'command'; readonly command: string };

/** The placeholders a check's URL or TCP address may use; `{host}` and `{port}` are the parts of `{address}`. */
export const CHECK_PLACEHOLDERS = ['address', 'host', 'port', 'service', 'environment', 'version', 'slot'] as const;
const PER_ADDRESS = ['address', 'host', 'port'];

export interface TargetContext {
  /** The addresses of the slot or batch being gated (`host:port`). */
  readonly addresses: readonly string[];
  /** {service} {environment} {version} {slot}. */
  readonly values: Readonly<Record<string, string>>;
  /** The step's SHIPGATE_* values, for command probes (SHIPGATE_ADDRESS/HOST/PORT are added per address). */
  readonly env: Readonly<Record<string, string>>;
  /** Per probe: a request, a connect, or a command (killed then). */
  readonly timeoutMs: number;
  /** Where command probes run: the workspace. */
  readonly cwd?: string;
}

/** `127.0.0.1:8081` → host `127.0.0.1`, port `8081`; `[::1]:8081` → host `[::1]` (as a URL writes it). */
export function splitAddress(address: string): { readonly host: string; readonly port: string } {
  const colon = address.lastIndexOf(':');
  if (colon < 0) return { host: address, port: '' };
  return { host: address.slice(0, colon), port: address.slice(colon + 1) };
}

/** Every probe target of the checks, for the addresses being gated; a target named twice is probed once. */
export function buildGateTargets(checks: readonly HealthCheck[], context: TargetContext): GateTarget[] {
  const targets = checks.flatMap((check) => targetsOf(check, context));
  const seen = new Set<string>();
  return targets.filter((target) => !seen.has(target.name) && seen.add(target.name));
}

function targetsOf(check: HealthCheck, context: TargetContext): GateTarget[] {
  switch (check.kind) {
    case 'http':
      return perAddress(check.url, context).map((values) => httpTarget(check, values, context));
    case 'tcp':
      return perAddress(check.address, context).map((values) => tcpTarget(check.address, values, context));
    case 'command': {
      const addresses = context.addresses.length > 0 ? context.addresses : [''];
      return addresses.map((address) => commandTarget(check.command, address, context));
    }
    default: {
      const never: never = check;
      throw new Error(`unknown health check ${JSON.stringify(never)}`);
    }
  }
}

/** The placeholder values of each target of a template: one per address when it names one. */
function perAddress(template: string, context: TargetContext): Array<Record<string, string>> {
  const names = placeholdersIn(template);
  if (!names.some((name) => PER_ADDRESS.includes(name))) return [{ ...context.values }];
  return context.addresses.map((address) => ({ ...context.values, address, ...splitAddress(address) }));
}

function httpTarget(
  check: Extract<HealthCheck, { kind: 'http' }>,
  values: Record<string, string>,
  context: TargetContext,
): ProbeTarget {
  // The address parts are checked host:port text from the config; the other values are data (a version).
  const url = expandPlaceholders(check.url, values, 'url-component', { verbatim: PER_ADDRESS });
  return {
    kind: 'http',
    name: url,
    request: {
      url,
      method: check.method,
      headers: check.headers,
      ...(check.body !== undefined ? { body: check.body } : {}),
      timeoutMs: context.timeoutMs,
    },
    expect: check.expect,
  };
}

function tcpTarget(template: string, values: Record<string, string>, context: TargetContext): TcpTarget {
  const { host, port } = splitAddress(expandPlaceholders(template, values, 'text'));
  return {
    kind: 'tcp',
    name: `tcp://${host}:${port}`,
    host: host.replace(/^\[(.*)\]$/, '$1'),
    port: Number(port),
    timeoutMs: context.timeoutMs,
  };
}

function commandTarget(command: string, address: string, context: TargetContext): CommandTarget {
  const { host, port } = splitAddress(address);
  return {
    kind: 'command',
    name: address ? `command ${command} (${address})` : `command ${command}`,
    command,
    env: {
      ...context.env,
      SHIPGATE_ADDRESS: address,
      SHIPGATE_HOST: host.replace(/^\[(.*)\]$/, '$1'),
      SHIPGATE_PORT: port,
    },
    timeoutMs: context.timeoutMs,
    ...(context.cwd !== undefined ? { cwd: context.cwd } : {}),
  };
}
