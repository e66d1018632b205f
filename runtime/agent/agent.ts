import { weftError } from '../errors/create-weft-error.js';
import type { AgentGraphV1, JsonSchemaV1 } from '../spec/v1/graph.js';
import type {
  AgentInput,
  AgentLike,
  AgentServices,
  GenerateObjectResult,
  GenerateOptions,
  GenerateResult,
  StreamChunk,
} from './agent-types.js';
import { runGenerate } from './generate.js';
import { runGenerateObject } from './generate-object.js';
import { prepareCall } from './prepare-call.js';
import { runStream } from './stream.js';

/**
 * An agent of the project: its compiled definition (`graph.agents[name]`) run on the AI SDK with
 * its tools, memory, limits and events. Get one with `weft.getAgent(name)`.
 *
 * @example
 * const support = weft.getAgent('support');
 * const { text, usage } = await support.generate('Where is order A1?', { threadId: 't-1', context: { customerName: 'Ada' } });
 * const answer = await support.generateObject<{ answer: string; category: string }>('Refund order A1');
 */
export class Agent implements AgentLike {
  constructor(
    readonly definition: AgentGraphV1,
    private readonly services: AgentServices,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  /** Runs the tool loop to a text answer. */
  async generate(input: AgentInput, options: GenerateOptions = {}): Promise<GenerateResult> {
    return runGenerate(await prepareCall(this.definition, this.services, input, options));
  }

  /**
   * Streams the answer as chunks. Resolves once the call is prepared (a bad context or an
   * unavailable model rejects here); later failures are an `error` chunk.
   */
  async stream(input: AgentInput, options: GenerateOptions = {}): Promise<ReadableStream<StreamChunk>> {
    return runStream(await prepareCall(this.definition, this.services, input, options));
  }

  /** A structured answer validated against `schema` (default: the agent's output schema). */
  async generateObject<T = unknown>(
    input: AgentInput,
    schema?: JsonSchemaV1,
    options: GenerateOptions = {},
  ): Promise<T> {
    return (await this.generateObjectResult<T>(input, schema, options)).object;
  }

  /** Like `generateObject`, with the usage. */
  async generateObjectResult<T = unknown>(
    input: AgentInput,
    schema?: JsonSchemaV1,
    options: GenerateOptions = {},
  ): Promise<GenerateObjectResult<T>> {
    const target = schema ?? this.definition.output;
    if (target === undefined) {
      throw weftError('AGENT_OUTPUT_SCHEMA_MISSING', {
        message: `Agent "${this.name}" has no output schema; pass one to generateObject.`,
        details: { agent: this.name },
      });
    }
    return runGenerateObject<T>(await prepareCall(this.definition, this.services, input, options), target);
  }
}
