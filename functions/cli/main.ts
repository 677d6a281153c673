/**
 * `virtlab <command>`: each command is a module in ./commands named after it, exporting
 * `run(args: string[], io: CliIO): Promise<number>` (the exit code) and a one-line `summary`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  summary: string;
  run(args: string[], io: CliIO): Promise<number>;
}

const stdio: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

const commandsDir = fileURLToPath(new URL('./commands/', import.meta.url));

export function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  if (!commandNames().includes(name)) return undefined;
  return (await import(`./commands/${name}.ts`)) as CliCommand;
}

export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    io.out('usage: virtlab <command> [options]\n\ncommands:');
    for (const n of commandNames()) io.out(`  ${n.padEnd(10)} ${(await loadCommand(n))!.summary}`);
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.err(`virtlab: unknown command '${name}'. Run 'virtlab help' for the list.`);
    return 2;
  }
  return command.run(rest, io);
}
