import type { CliCommand, FlagSpec } from './commands.js';

/** Every command takes these. */
export const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: 'json', help: 'print the report (status: the state) as one JSON document on stdout; logs stay on stderr' },
  { name: 'help', help: 'this help' },
];

const EXIT_CODES = 'exit codes: 0 succeeded, noop or planned · 1 failed, rolled back or aborted · 2 usage error';

const flagText = (flag: FlagSpec): string => `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;

/** `shipgate deploy --environment ENV --version VERSION [flags]`: the required flags, then the rest. */
export function usageLine(command: CliCommand): string {
  const required = command.required
    .map((name) => command.flags.find((flag) => flag.name === name))
    .filter((flag): flag is FlagSpec => flag !== undefined)
    .map(flagText);
  return `shipgate ${command.name} ${[...required, '[flags]'].join(' ')}`;
}

/** `shipgate <command> --help`: usage, what it does, every flag with its help, the exit codes. */
export function commandHelp(command: CliCommand): string {
  const flags = [...command.flags, ...COMMON_FLAGS];
  const width = Math.max(...flags.map((flag) => flagText(flag).length));
  const rows = flags.map((flag) => {
    const required = command.required.includes(flag.name) ? ' (required)' : '';
    return `  ${flagText(flag).padEnd(width)}  ${flag.help}${required}`;
  });
  return [
    `usage: ${usageLine(command)}`,
    '',
    command.description,
    '',
    'flags:',
    ...rows,
    '',
    'The github state store reads GITHUB_TOKEN and GITHUB_REPOSITORY (and GITHUB_SHA) from the environment.',
    EXIT_CODES,
    '',
  ].join('\n');
}

/** `shipgate --help`: the commands, one line each. */
export function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length), 'help'.length);
  return [
    'usage: shipgate <command> [flags]',
    '',
    'The engine of the shipgate GitHub actions, from a terminal: for when GitHub is down and production is not.',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  this overview; 'shipgate help <command>' or 'shipgate <command> --help' for a command`,
    '',
    'Flags are the actions’ inputs, with the same defaults (config .github/shipgate.yml, state .shipgate/state.json).',
    EXIT_CODES,
    '',
  ].join('\n');
}
