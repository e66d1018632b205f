import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { reportRunError } from '../report-run-error.js';
import { runExitCodes } from '../run-output.js';
import { hostUrl, isLoopbackHost, within } from '../serve-host.js';

/** How long shutdown waits for in-flight requests before closing the project. */
const drainMs = 10_000;

/**
 * `weft serve [dir] [--host 127.0.0.1] [--port 3000]`: opens the project (recovering its runs),
 * serves the hosted API, records its URL in the storage lock (so `weft run` goes through it), and
 * shuts down gracefully on SIGTERM/SIGINT: stop accepting, drain requests (10 s at most), close
 * the project with unfinished runs left resumable. A non-loopback `--host` is refused unless
 * weft.yaml configures API keys (exit 2).
 *
 * @example
 * weft serve definitions --port 4111
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('serve the hosted runtime API of a project')
    .argument('[dir]', 'the project folder (where weft.yaml is)', '.')
    .option('--host <host>', 'the address to listen on (default: weft.yaml server.host)')
    .option('--port <port>', 'the port to listen on, 0 for any free port (default: weft.yaml server.port)')
    .action(async (dir: string, options: { host?: string; port?: string }) => {
      await serve(io, resolve(io.cwd, dir), options);
    });
}

async function serve(
  io: CliIo,
  projectDir: string,
  options: { host?: string; port?: string },
): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    io.err(`weft serve: --port must be an integer from 0 to 65535 (got "${options.port}")`);
    process.exitCode = runExitCodes.refused;
    return;
  }
  const { Weft } = await import('../../runtime/weft.js');
  const { createHost, routesOf } = await import('../../runtime/host/index.js');
  let weft: InstanceType<typeof Weft>;
  try {
    weft = await Weft.open(projectDir);
  } catch (error) {
    reportRunError(io, 'serve', error);
    return;
  }
  const server = weft.graph.project.server;
  const host = options.host ?? server.host;
  if (!isLoopbackHost(host) && (server.auth?.keys.length ?? 0) === 0) {
    io.err(
      `weft serve: refusing to listen on ${host} without API keys: configure spec.server.auth.keys in weft.yaml, or use a loopback address such as 127.0.0.1`,
    );
    await weft.close();
    process.exitCode = runExitCodes.refused;
    return;
  }
  const app = createHost(weft, { log: true });
  try {
    await app.listen({ host, port: port ?? server.port });
  } catch (error) {
    io.err(
      `weft serve: cannot listen on ${host}:${port ?? server.port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    await app.close().catch(() => undefined);
    await weft.close();
    process.exitCode = runExitCodes.failed;
    return;
  }
  const address = app.server.address();
  const url = hostUrl(
    host,
    typeof address === 'object' && address !== null ? address.port : (port ?? server.port),
  );
  if (weft.graph.project.storage.adapter === 'pglite') {
    const { setStorageLockUrl } = await import('../../plugins/pglite/storage-lock.js');
    await setStorageLockUrl(projectDir, url);
  }
  io.err(`weft: serving ${weft.graph.project.name} at ${url} (${routesOf(app).length} routes)`);
  for (const { provider, variable } of weft.agents.missingCredentials()) {
    io.err(
      `weft: warning: ${variable} is not set: agents on ${provider} models answer 503 MODEL_CREDENTIALS_MISSING until it is; everything else is served.`,
    );
  }
  await untilSignal();
  io.err('weft: shutting down');
  await within(app.close(), drainMs);
  await weft.close();
  process.exitCode = runExitCodes.completed;
}

/** Resolves on the first SIGTERM or SIGINT. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
