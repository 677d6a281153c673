/**
 * `virtlab <command>`: each command is a module in ./commands, listed in COMMANDS below, exporting
 * `run(args: string[], io: CliIO): Promise<number>` (the exit code) and a one-line `summary`.
 */

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  summary: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * The commands, by name. Each is imported only when used (the grader and the simulator are not loaded to list
 * lessons); `satisfies` checks at build time that every module has the shape of a command.
 */
const COMMANDS = {
  grade: () => import('./commands/grade.ts'),
  lab: () => import('./commands/lab.ts'),
  labs: () => import('./commands/labs.ts'),
  lessons: () => import('./commands/lessons.ts'),
  schema: () => import('./commands/schema.ts'),
  sim: () => import('./commands/sim.ts'),
} satisfies Record<string, () => Promise<CliCommand>>;

type CommandName = keyof typeof COMMANDS;

const stdio: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

export function commandNames(): CommandName[] {
  return Object.keys(COMMANDS).filter(isCommand).sort();
}

export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  return isCommand(name) ? COMMANDS[name]() : undefined;
}

export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    io.out('usage: virtlab <command> [options]\n\ncommands:');
    for (const n of commandNames()) io.out(`  ${n.padEnd(10)} ${(await COMMANDS[n]()).summary}`);
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.err(`virtlab: unknown command '${name}'. Run 'virtlab help' for the list.`);
    return 2;
  }
  return command.run(rest, io);
}
