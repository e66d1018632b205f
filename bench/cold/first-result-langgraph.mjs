// Cold start, "first result": import LangGraph, build a 10-step chain, run it once, print the output.
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';

const graph = new StateGraph(Annotation.Root({ n: Annotation() }));
for (let i = 0; i < 10; i += 1) graph.addNode(`s${i}`, async (state) => ({ n: state.n + 1 }));
graph.addEdge(START, 's0');
for (let i = 1; i < 10; i += 1) graph.addEdge(`s${i - 1}`, `s${i}`);
graph.addEdge('s9', END);
const result = await graph.compile().invoke({ n: 0 });
process.stdout.write(`${JSON.stringify({ n: result.n })}\n`);
