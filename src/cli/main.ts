import { commands } from './commands/index';
import type { CliIo } from './types';

const VERSION = '0.1.0';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'reversal-lab: scenario models of the "In China, for Global" automotive supply shift',
    '',
    'Usage: reversal-lab <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  --help, -h     show help (also: reversal-lab <command> --help)',
    '  --version      print the version',
  ].join('\n');
}

/** Runs the CLI with the given arguments; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText() + '\n');
    return 0;
  }
  if (name === '--version') {
    io.out(VERSION + '\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`reversal-lab: unknown command "${name}". Run "reversal-lab --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`reversal-lab ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
