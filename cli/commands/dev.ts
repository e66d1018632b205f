import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { DevLoadFailure } from '../../runtime/host/dev-project.js';
import type { CliIo } from '../cli-io.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { runExitCodes } from '../run-output.js';
import { isLoopbackHost, listenHost, untilSignal, within } from '../serve-host.js';

/** How long a reload waits for the requests still using the previous version. */
const drainMs = 10_000;

/**
 * `weft dev [dir] [--host 127.0.0.1] [--port 3000] [--debounce 150]`: serves the project like
 * `weft serve`, watches its folder (manifests, plugins, knowledge sources) and, after each burst
 * of changes, recompiles and swaps the served version atomically: new requests see the new
 * workflows and agents at once; a bad edit prints its diagnostics on stderr and the last good
 * version keeps serving. Runs keep the workflow version they started with (the engine stores
 * versions by content hash), and the storage stays open across reloads (one PGlite lock).
 *
 * @example
 * weft dev definitions --port 4111
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('dev')
    .description('serve a project and reload it when its files change')
    .argument('[dir]', 'the project folder (where weft.yaml is)', '.')
    .option('--host <host>', 'the address to listen on (default: weft.yaml server.host)')
    .option('--port <port>', 'the port to listen on, 0 for any free port (default: weft.yaml server.port)')
    .option('--debounce <ms>', 'how long to wait after a change before reloading', '150')
    .action(async (dir: string, options: { host?: string; port?: string; debounce: string }) => {
      await dev(io, resolve(io.cwd, dir), options);
    });
}

async function dev(
  io: CliIo,
  projectDir: string,
  options: { host?: string; port?: string; debounce: string },
): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  const debounceMs = Number(options.debounce);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    io.err(`weft dev: --port must be an integer from 0 to 65535 (got "${options.port}")`);
    process.exitCode = runExitCodes.refused;
    return;
  }
  if (!Number.isInteger(debounceMs) || debounceMs < 0) {
    io.err(`weft dev: --debounce must be a number of milliseconds (got "${options.debounce}")`);
    process.exitCode = runExitCodes.refused;
    return;
  }
  const { openDevProject } = await import('../../runtime/host/dev-project.js');
  const { createHost, routesOf } = await import('../../runtime/host/index.js');
  const { watchProject } = await import('../../runtime/host/watch-project.js');
  const errIo: CliIo = { ...io, out: (line) => io.err(line), color: false };
  const opened = await openDevProject(projectDir);
  const report = async (failure: DevLoadFailure): Promise<void> => {
    if (failure.diagnostics === undefined) io.err(`weft dev: ${failure.message}`);
    else await printDiagnostics(errIo, projectDir, failure.diagnostics, failure.manifestCount);
  };
  if (!opened.ok) {
    await report(opened);
    process.exitCode = runExitCodes.failed;
    return;
  }
  const project = opened.project;
  const server = project.current.graph.project.server;
  const host = options.host ?? server.host;
  if (!isLoopbackHost(host) && (server.auth?.keys.length ?? 0) === 0) {
    io.err(`weft dev: refusing to listen on ${host} without API keys (spec.server.auth.keys in weft.yaml)`);
    await project.close();
    process.exitCode = runExitCodes.refused;
    return;
  }
  const app = createHost(project.holder.weft, { log: true });
  project.holder.trackRequests(app);
  const signalled = untilSignal();
  const url = await listenHost(app, host, port ?? server.port, 'dev', (line) => io.err(line));
  if (url === undefined) {
    await project.close();
    process.exitCode = runExitCodes.failed;
    return;
  }
  await project.recordUrl(url);
  io.err(
    `weft: serving ${project.current.graph.project.name} at ${url} (${routesOf(app).length} routes), watching ${projectDir}`,
  );
  const stopWatching = watchProject(projectDir, debounceMs, async (files) => {
    io.err(`weft: ${files.length === 1 ? files[0] : `${files.length} files`} changed, reloading`);
    const outcome = await project.reload(drainMs);
    if (outcome.ok) {
      const graph = project.current.graph;
      io.err(
        `weft: reloaded (${Object.keys(graph.workflows).length} workflows, ${Object.keys(graph.agents).length} agents)`,
      );
      return;
    }
    await report(outcome);
    io.err('weft: the last good version keeps serving');
  });
  await signalled;
  io.err('weft: shutting down');
  stopWatching();
  await within(app.close(), drainMs);
  await project.close();
  process.exitCode = runExitCodes.completed;
}
