/**
 * W6's server, in a fresh process: `node --import tsx harness/serve-child.ts <engine> <config>`
 * (spawned by harness/host-load.ts with an IPC channel). Listens on 127.0.0.1, a random port,
 * prints `@@LISTENING {"port":N}`, and answers the IPC message `'stats'` with its CPU time (ms)
 * and peak RSS (MB, sampled every 5 ms) so far. Servers (bench/WORKLOADS.md W6):
 *
 * - `weft memory` / `weft pglite`: `createHost(weft)` over `Weft.open` of the bench project
 *   (in-memory storage, or PGlite on disk in a temp copy), no API keys, no rate limit.
 * - `mastra default`: `createNodeServer(mastra, { tools: getToolExports([{ echo } as unknown as Record<string, () => void>]) })` from
 *   `@mastra/deployer/server` (what `mastra build` serves), `logger: false`, telemetry off, no storage.
 * - `fastify bare`: `POST /echo` returning `request.body.data` (W6c, the limit).
 * - `fastify mastra`: `POST /wf/w10` running the Mastra workflow in process (W6d).
 * - `fastify weft`: `POST /tool/echo` and `POST /wf/w10` calling weft's tool and workflow in
 *   process (separates weft's host stack from its engine, like W6d does for Mastra).
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createTool } from '@mastra/core/tools';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hostEntry, openWeft } from '../weft.js';
import { RssSampler } from './rss-sampler.js';

interface Listening {
  readonly port: number;
  readonly close: () => Promise<void>;
}

const echoShape = z.object({ text: z.string(), n: z.number() });

async function listenFastify(app: FastifyInstance): Promise<Listening> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

async function mastraInstance() {
  const { Mastra } = await import('@mastra/core/mastra');
  const { chainWorkflow } = await import('../peers/mastra.js');
  const echo = createTool({
    id: 'echo',
    description: 'Returns its input.',
    inputSchema: echoShape,
    outputSchema: echoShape,
    execute: async ({ context }) => context,
  });
  const mastra = new Mastra({
    workflows: { w10: chainWorkflow('w10', 10) },
    logger: false,
    telemetry: { enabled: false },
    server: { host: '127.0.0.1', port: 0 },
  });
  return { mastra, echo };
}

async function mastraServer(): Promise<Listening> {
  const { createNodeServer, getToolExports } = await import('@mastra/deployer/server');
  const { mastra, echo } = await mastraInstance();
  const tools = getToolExports([{ echo } as unknown as Record<string, () => void>]) ?? {};
  const server = await createNodeServer(mastra, { tools: tools as never });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function fastifyMastra(): Promise<Listening> {
  const { mastra } = await mastraInstance();
  const workflow = mastra.getWorkflow('w10');
  const app = Fastify({ logger: false });
  app.post<{ Body: { inputData: { n: number } } }>('/wf/w10', async (request) => {
    const run = await workflow.createRunAsync();
    return run.start({ inputData: request.body.inputData });
  });
  return listenFastify(app);
}

async function weftServer(config: string): Promise<Listening> {
  const { weft, cleanup } = await openWeft(config);
  const { createHost } = (await import(pathToFileURL(hostEntry()).href)) as {
    createHost(weft: unknown, options?: { log?: boolean }): FastifyInstance;
  };
  const listening = await listenFastify(createHost(weft));
  return {
    port: listening.port,
    close: async () => {
      await listening.close();
      await weft.close();
      cleanup();
    },
  };
}

async function fastifyWeft(): Promise<Listening> {
  const { weft } = await openWeft('memory');
  const echo = weft.tools.get('echo');
  const workflow = weft.getWorkflow('w5-chain-10');
  const app = Fastify({ logger: false });
  app.post<{ Body: { input: unknown } }>('/tool/echo', async (request) => ({
    output: await echo.execute(request.body.input),
  }));
  app.post<{ Body: { input: unknown } }>('/wf/w10', async (request) =>
    workflow.createRun().start(request.body.input),
  );
  const listening = await listenFastify(app);
  return {
    port: listening.port,
    close: async () => {
      await listening.close();
      await weft.close();
    },
  };
}

function fastifyBare(): Promise<Listening> {
  const app = Fastify({ logger: false });
  app.post<{ Body: { data: unknown } }>('/echo', async (request) => request.body.data);
  return listenFastify(app);
}

function start(engine: string, config: string): Promise<Listening> {
  const key = `${engine} ${config}`;
  switch (key) {
    case 'weft memory':
    case 'weft pglite':
      return weftServer(config);
    case 'mastra default':
      return mastraServer();
    case 'fastify bare':
      return fastifyBare();
    case 'fastify mastra':
      return fastifyMastra();
    case 'fastify weft':
      return fastifyWeft();
    default:
      throw new Error(`no W6 server "${key}"`);
  }
}

async function main(): Promise<void> {
  const [engine, config] = process.argv.slice(2);
  if (engine === undefined || config === undefined)
    throw new Error('usage: serve-child.ts <engine> <config>');
  const server = await start(engine, config);
  const sampler = new RssSampler();
  sampler.start(5);
  process.on('message', (message) => {
    if (message === 'stats') {
      const cpu = process.cpuUsage();
      process.send?.({
        cpu_ms: (cpu.user + cpu.system) / 1000,
        peak_rss_mb: sampler.peakNow() / 1024 / 1024,
      });
    } else if (message === 'close') {
      sampler.stop();
      void server.close().finally(() => process.exit(0));
    }
  });
  process.stdout.write(`@@LISTENING ${JSON.stringify({ port: server.port })}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
