// Cold start, "first result": import Mastra, build a 10-step chain, run it once, print the output.
import { Mastra } from '@mastra/core/mastra';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';

const counter = z.object({ n: z.number() });
let workflow = createWorkflow({ id: 'chain', inputSchema: counter, outputSchema: counter });
for (let i = 0; i < 10; i += 1) {
  workflow = workflow.then(
    createStep({
      id: `s${i}`,
      inputSchema: counter,
      outputSchema: counter,
      execute: async ({ inputData }) => ({ n: inputData.n + 1 }),
    }),
  );
}
workflow.commit();
const mastra = new Mastra({ workflows: { chain: workflow }, logger: false, telemetry: { enabled: false } });
const run = await mastra.getWorkflow('chain').createRunAsync();
const result = await run.start({ inputData: { n: 0 } });
process.stdout.write(`${JSON.stringify(result.result)}\n`);
