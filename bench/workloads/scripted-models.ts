/**
 * W3's stateless scripted model (bench/WORKLOADS.md), weft's side: decided from the prompt alone.
 * When the last prompt message is not a tool result it calls `add({"a":2,"b":3})` (finish
 * `tool-calls`); when it is one, it answers `"The sum is <sum>"` (finish `stop`). It records no
 * call options (only a call counter, reset by the bench before each run), unlike `MockLanguageModelV3`.
 *
 * The `LanguageModelV3` shape of `@ai-sdk/provider` 3.x is written out structurally here: `bench/`
 * resolves an older `@ai-sdk/provider` from its own node_modules (the peers' one), and the bench does
 * not type-check the engine.
 */

/** The user message of W3. */
export const w3Prompt = 'What is 2 + 3?';

/** The one system sentence of W3 (weft's is in `workloads/project/agents/w3-agent.yaml`). */
export const w3Instructions = 'You are a calculator; use the add tool to add numbers.';

/** The arguments of the scripted tool call. */
export const w3Arguments = { a: 2, b: 3 } as const;

/** The final answer from the tool result (an object, or its JSON text). */
export function w3Answer(result: unknown): string {
  const value = typeof result === 'string' ? (JSON.parse(result) as unknown) : result;
  return `The sum is ${(value as { sum?: unknown } | null)?.sum}`;
}

/** A tool result part's output as the AI SDK (v5 and v6) puts it in the prompt. */
export function toolOutputValue(output: unknown): unknown {
  const { type, value } = (output ?? {}) as { type?: string; value?: unknown };
  if (type === 'json' || type === 'text') return value;
  return output;
}

interface PromptMessage {
  readonly role: string;
  readonly content: unknown;
}

/** The W3 decision: `undefined` = call the tool, otherwise the final text. */
export function w3Decision(prompt: readonly PromptMessage[]): string | undefined {
  const last = prompt.at(-1);
  if (last?.role !== 'tool' || !Array.isArray(last.content)) return undefined;
  const part = (last.content as { type: string; output?: unknown }[]).find((p) => p.type === 'tool-result');
  return w3Answer(toolOutputValue(part?.output));
}

const usageV3 = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

/** The scripted model as an AI SDK 6 `LanguageModelV3` (`doGenerate` and `doStream`). */
export class ScriptedAddModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'bench';
  readonly modelId = 'scripted-add';
  readonly supportedUrls = {};
  /** Model calls since the bench last reset it. */
  count = 0;

  private turn(prompt: readonly PromptMessage[]) {
    this.count += 1;
    const text = w3Decision(prompt);
    if (text !== undefined)
      return {
        content: [{ type: 'text' as const, text }],
        finishReason: { unified: 'stop' as const, raw: 'stop' },
      };
    return {
      content: [
        {
          type: 'tool-call' as const,
          toolCallId: `call-${this.count}`,
          toolName: 'add',
          input: JSON.stringify(w3Arguments),
        },
      ],
      finishReason: { unified: 'tool-calls' as const, raw: 'tool_calls' },
    };
  }

  async doGenerate(options: { prompt: readonly PromptMessage[] }) {
    return { ...this.turn(options.prompt), usage: usageV3, warnings: [] };
  }

  async doStream(options: { prompt: readonly PromptMessage[] }) {
    const { content, finishReason } = this.turn(options.prompt);
    const parts: unknown[] = [{ type: 'stream-start', warnings: [] }];
    for (const part of content) {
      if (part.type === 'text') {
        parts.push({ type: 'text-start', id: 't0' });
        parts.push({ type: 'text-delta', id: 't0', delta: part.text });
        parts.push({ type: 'text-end', id: 't0' });
      } else parts.push(part);
    }
    parts.push({ type: 'finish', finishReason, usage: usageV3 });
    return {
      stream: new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }
}
