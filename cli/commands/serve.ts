import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { reportRunError } from '../report-run-error.js';
import { runExitCodes } from '../run-output.js';
import { isLoopbackHost, listenHost, untilSignal, within } from '../serve-host.js';

/** How long shutdown waits for in-flight requests before closing connections (default). */
const defaultDrainSeconds = 10;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** The options of `weft serve`. */
interface ServeOptions {
  readonly host?: string;
  readonly port?: string;
  readonly insecureNoAuth?: boolean;
  readonly logLevel?: string;
  readonly shutdownTimeout?: string;
}

/**
 * `weft serve [dir] [--host 127.0.0.1] [--port 3000]`: opens the project (recovering its runs),
 * serves the hosted API, records its URL in the storage lock (so `weft run` goes through it), and
 * shuts down gracefully on SIGTERM/SIGINT: stop accepting, drain in-flight requests
 * (`--shutdown-timeout`, 10 s by default; then open connections are closed), close the project
 * with unfinished runs left resumable and their leases released, exit 0. A non-loopback `--host`
 * is refused (`HOST_AUTH_REQUIRED`, exit 2) unless weft.yaml configures API keys or
 * `--insecure-no-auth` is given; an API key whose variable is not set is refused too (exit 2,
 * naming the variable). `--log-level info` logs every request as JSON lines with its request id.
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
    .option(
      '--insecure-no-auth',
      'allow a non-loopback --host without API keys (anyone who can reach the address can use the API)',
    )
    .option('--log-level <level>', `log JSON lines at this level and above: ${logLevels.join(', ')}`, 'warn')
    .option(
      '--shutdown-timeout <seconds>',
      'how long shutdown waits for in-flight requests',
      String(defaultDrainSeconds),
    )
    .action(async (dir: string, options: ServeOptions) => {
      await serve(io, resolve(io.cwd, dir), options);
    });
}

async function serve(io: CliIo, projectDir: string, options: ServeOptions): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    return refuse(io, `--port must be an integer from 0 to 65535 (got "${options.port}")`);
  }
  const logLevel = logLevels.find((level) => level === options.logLevel);
  if (logLevel === undefined) {
    return refuse(io, `--log-level must be one of ${logLevels.join(', ')} (got "${options.logLevel}")`);
  }
  const drainSeconds = Number(options.shutdownTimeout ?? defaultDrainSeconds);
  if (!Number.isFinite(drainSeconds) || drainSeconds < 0) {
    return refuse(io, `--shutdown-timeout must be a number of seconds (got "${options.shutdownTimeout}")`);
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
  const keyCount = server.auth?.keys.length ?? 0;
  if (!isLoopbackHost(host) && keyCount === 0) {
    if (options.insecureNoAuth !== true) {
      io.err(
        `weft serve: HOST_AUTH_REQUIRED refusing to listen on ${host} without API keys: configure spec.server.auth.keys in weft.yaml, use a loopback address such as 127.0.0.1, or pass --insecure-no-auth`,
      );
      await weft.close();
      process.exitCode = runExitCodes.refused;
      return;
    }
    io.err(
      `weft: warning: serving on ${host} without API keys (--insecure-no-auth): anyone who can reach it can use the API`,
    );
  }
  let app: ReturnType<typeof createHost>;
  try {
    app = createHost(weft, { log: logLevel });
  } catch (error) {
    reportRunError(io, 'serve', error);
    await weft.close();
    return;
  }
  // Listen for the signals before announcing the URL: a SIGTERM right after start-up drains too.
  const signalled = untilSignal();
  const url = await listenHost(app, host, port ?? server.port, 'serve', (line) => io.err(line));
  if (url === undefined) {
    await weft.close();
    process.exitCode = runExitCodes.failed;
    return;
  }
  if (weft.graph.project.storage.adapter === 'pglite') {
    const { setStorageLockUrl } = await import('../../plugins/pglite/storage-lock.js');
    await setStorageLockUrl(projectDir, url);
  }
  io.err(`weft: serving ${weft.graph.project.name} at ${url} (${routesOf(app).length} routes)`);
  io.err(
    `weft: API docs at ${url}/docs; ${keyCount === 0 ? 'no API keys (open API)' : `${keyCount} API key${keyCount === 1 ? '' : 's'}`}${server.rateLimit === undefined ? '' : `; rate limit ${server.rateLimit.max} per ${server.rateLimit.windowMs / 1000} s`}`,
  );
  for (const { provider, variable } of weft.agents.missingCredentials()) {
    io.err(
      `weft: warning: ${variable} is not set: agents on ${provider} models answer 503 MODEL_CREDENTIALS_MISSING until it is; everything else is served.`,
    );
  }
  await signalled;
  io.err('weft: shutting down');
  // Stop accepting, let in-flight requests finish within the deadline, then cut what is left.
  await within(app.close(), drainSeconds * 1000);
  app.server.closeAllConnections();
  await weft.close();
  process.exitCode = runExitCodes.completed;
}

function refuse(io: CliIo, message: string): void {
  io.err(`weft serve: ${message}`);
  process.exitCode = runExitCodes.refused;
}
