// Cold start, "first result": import weft, load + compile the manifests (the .ts plugin through
// tsx's register API), run w5-chain-10 once with in-memory storage, print the output.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.env.WEFT_BENCH_ENTRY ?? join(bench, '..', 'dist', 'runtime', 'index.js');
const { Weft } = await import(pathToFileURL(entry).href);
const weft = await Weft.open(join(bench, 'workloads', 'project'), { storage: 'memory' });
const doc = await weft.getWorkflow('w5-chain-10').createRun().start({ n: 0 });
await weft.close();
process.stdout.write(`${JSON.stringify(doc.output)}\n`);
