import type { CommandRunner } from '../core/command-runner.js';
import { type CommandTarget, commandProbe } from './command-probe.js';
import type { HttpClient } from './http-client.js';
import { type ProbeOutcome, type ProbeTarget, probe } from './http-probe.js';
import { type TcpClient, type TcpTarget, tcpProbe } from './tcp-probe.js';

/** Anything a health gate probes: an HTTP request (no `kind`, or `http`), a TCP connect, or a command. */
export type GateTarget = ProbeTarget | TcpTarget | CommandTarget;

/** What the probes use; `tcp` and `commands` are needed only by gates with such targets. */
export interface ProbePorts {
  readonly http: HttpClient;
  readonly tcp?: TcpClient;
  readonly commands?: CommandRunner;
}

/** Probes one target of any kind; every kind feeds the same gate and verdicts. Never rejects for a failed probe. */
export function probeTarget(ports: ProbePorts, target: GateTarget, signal?: AbortSignal): Promise<ProbeOutcome> {
  switch (target.kind) {
    case undefined:
    case 'http':
      return probe(ports.http, target, signal);
    case 'tcp':
      return ports.tcp ? tcpProbe(ports.tcp, target, signal) : missing('tcp');
    case 'command':
      return ports.commands ? commandProbe(ports.commands, target, signal) : missing('command');
    default: {
      const never: never = target;
      throw new Error(`unknown probe target ${JSON.stringify(never)}`);
    }
  }
}

/** A check the gate has no prober for fails every probe, saying why (a wiring mistake, named in the report). */
function missing(kind: string): Promise<ProbeOutcome> {
  return Promise.resolve({ ok: false, latencyMs: 0, failure: `no ${kind} prober was given to this gate` });
}
