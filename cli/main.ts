import { Command, CommanderError } from 'commander';
import { type CliIo, exitCodes, processIo } from './cli-io.js';

/** A command module: one file under `cli/commands/` that declares its command on the program. */
export interface CommandModule {
  register(program: Command, io: CliIo): void;
}

/**
 * The commands, one line each. Command modules import only commander and small helpers at load;
 * the compiler, Ajv and YAML are imported inside their actions, so `weft --help` stays fast.
 */
const commandModules: readonly (() => Promise<CommandModule>)[] = [
  () => import('./commands/init.js'),
  () => import('./commands/validate.js'),
  () => import('./commands/compile.js'),
  () => import('./commands/graph.js'),
  () => import('./commands/serve.js'),
  () => import('./commands/dev.js'),
  () => import('./commands/run.js'),
  () => import('./commands/runs.js'),
  () => import('./commands/ingest.js'),
];

/**
 * The `weft` command line. Sets `process.exitCode` (0 ok, 1 errors found, 2 bad usage) and
 * never calls `process.exit`.
 *
 * @example
 * await main(['validate', 'definitions', '--format', 'json']);
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<void> {
  const program = new Command('weft')
    .description('weft: declarative orchestration for AI agents and workflows')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });
  const modules = await Promise.all(commandModules.map((load) => load()));
  for (const module of modules) module.register(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
      process.exitCode = helpOrVersion ? exitCodes.ok : exitCodes.usage;
      return;
    }
    io.err(`weft: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = exitCodes.usage;
  }
}
