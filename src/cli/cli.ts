import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import type { CliRuntime } from '../runtime/cli-runtime.js';
import { type CliAdapters, type CliCommand, COMMANDS, SWITCHES } from './commands.js';
import { commandHelp, overview, usageLine } from './help.js';

export type { CliAdapters } from './commands.js';

type Env = Readonly<Record<string, string | undefined>>;
type Flags = Record<string, string | undefined>;

/** A usage error: one line, and a hint that says where the help is; exit code 2. */
class UsageProblem {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const DEFAULT_CONFIG = '.github/shipgate.yml';

/**
 * `shipgate <command> [flags]`. Each command is an action's `run` function with the flags as its inputs
 * (src/cli/commands.ts). Arguments are parsed with node:util's parseArgs and our own help text: a
 * library (commander, yargs) would add start-up time for what one table and two functions do.
 */
export async function runCli(
  argv: readonly string[],
  runtime: CliRuntime,
  adapters: CliAdapters,
  env: Env = process.env,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined) return runtime.usage('which command?', overview(commands).trimEnd());
  if (name === 'help' || name === '--help' || name === '-h') return help(runtime, commands, rest[0]);
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const known = commands.map((candidate) => candidate.name).join(', ');
    return runtime.usage(`unknown command '${name}'; expected one of ${known}`, "hint: 'shipgate --help' lists them");
  }
  const parsed = readFlags(command, rest);
  const hint = `usage: ${usageLine(command)}; 'shipgate ${command.name} --help' lists every flag`;
  if (parsed instanceof UsageProblem) return runtime.usage(`${command.name}: ${parsed.message}`, hint);
  if (parsed.help) return runtime.print(commandHelp(command));
  const service = serviceFlag(command, parsed.flags, runtime, adapters);
  if (service instanceof UsageProblem) return runtime.usage(`${command.name}: ${service.message}`, hint);
  const flags: Flags = {
    ...parsed.flags,
    ...(service ? { service } : {}),
    // Flags end up in shell history; a token does not belong there.
    ...(env.GITHUB_TOKEN ? { 'github-token': env.GITHUB_TOKEN } : {}),
  };
  if (flags['github-token']) runtime.logger.mask(flags['github-token']);
  await command.run(runtime.withInputs(flags), adapters, { json: parsed.json });
}

function help(runtime: CliRuntime, commands: readonly CliCommand[], topic: string | undefined): void {
  const command = topic === undefined ? undefined : commands.find((candidate) => candidate.name === topic);
  if (topic !== undefined && !command) {
    runtime.usage(`help: unknown command '${topic}'`, "hint: 'shipgate --help' lists the commands");
    return;
  }
  runtime.print(command ? commandHelp(command) : overview(commands));
}

/** The command's flags, or the one line saying what is wrong with them. */
function readFlags(
  command: CliCommand,
  args: readonly string[],
): { flags: Flags; json: boolean; help: boolean } | UsageProblem {
  const options: ParseArgsOptionsConfig = {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const flag of command.flags) options[flag.name] = { type: SWITCHES.has(flag.name) ? 'boolean' : 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    return new UsageProblem(describeParseError(error, command));
  }
  const { json, help, ...rest } = values;
  const flags: Flags = Object.fromEntries(
    Object.entries(rest).map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value]),
  );
  if (!help) {
    const missing = command.required.filter((name) => flags[name] === undefined);
    if (missing.length > 0) {
      return new UsageProblem(`missing ${missing.map((name) => `--${name}`).join(' and ')}`);
    }
  }
  return { flags, json: json === true, help: help === true };
}

/** parseArgs' messages, shortened to what an operator needs: which flag, and what it expected. */
function describeParseError(error: unknown, command: CliCommand): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const near = nearest(quoted.replace(/^-+/, ''), command);
      return `unknown flag '${quoted}'${near ? `; did you mean --${near}?` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `flag '${quoted.split(' ')[0]}' ${/argument missing/.test(message) ? 'needs a value' : 'takes no value'}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'; every value goes with a flag (--name value)`;
    default:
      return message;
  }
}

/** The command's flag a mistyped one most likely meant: within two edits, or the same start. */
function nearest(typed: string, command: CliCommand): string | undefined {
  if (typed.length < 3) return undefined;
  const names = command.flags.map((flag) => flag.name);
  return (
    names.find((name) => editDistance(name, typed) <= 2) ??
    names.find((name) => name.startsWith(typed) || typed.startsWith(name))
  );
}

/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/**
 * `--service` may be left out when the config has one service (it is that one); with several it is
 * required, so that no one deploys the wrong service by omission. A config that does not load is left
 * to the command, which reports it as the action does.
 */
function serviceFlag(
  command: CliCommand,
  flags: Flags,
  runtime: CliRuntime,
  adapters: CliAdapters,
): string | undefined | UsageProblem {
  if (flags.service !== undefined || !command.flags.some((flag) => flag.name === 'service')) return undefined;
  const path = flags.config ?? DEFAULT_CONFIG;
  let services: string[];
  try {
    services = Object.keys(adapters.deploy.loadConfig(path, runtime.context.workspace, command.name).config.services);
  } catch {
    return undefined;
  }
  if (services.length === 1) return services[0];
  if (services.length === 0) return undefined;
  return new UsageProblem(`missing --service: ${path} has several services (${services.join(', ')})`);
}
