import type { TextStreamPart, ToolSet } from 'ai';
import { aiSdk } from '../ai-sdk/load-ai-sdk.js';
import type { StreamChunk } from './agent-types.js';
import { callSettings } from './call-settings.js';
import { checkFinish } from './check-finish.js';
import { saveCallMessages } from './generate.js';
import type { PreparedCall } from './prepare-call.js';
import { toAgentError } from './to-agent-error.js';

/**
 * Runs a prepared call as a stream of chunks: `text` as the model writes it, `tool` for each tool
 * call (`metadata.phase` `call`) and its result (`result`, or `error`). A failure (provider,
 * timeout, maxSteps...) is one last `error` chunk with `metadata.code`; the stream then ends, it
 * never errors or hangs. Cancelling the stream aborts the call. The new messages are saved at the end.
 *
 * @example
 * for await (const chunk of runStream(call)) process.stdout.write(chunk.type === 'text' ? chunk.content : '');
 */
export function runStream(call: PreparedCall): ReadableStream<StreamChunk> {
  return new ReadableStream<StreamChunk>({
    start(controller) {
      void pump(call, controller);
    },
    cancel(reason) {
      call.abort(reason);
    },
  });
}

async function pump(
  call: PreparedCall,
  controller: ReadableStreamDefaultController<StreamChunk>,
): Promise<void> {
  const enqueue = (chunk: StreamChunk) => {
    try {
      controller.enqueue(chunk);
    } catch {
      // The consumer cancelled the stream.
    }
  };
  try {
    const result = aiSdk().streamText({ ...callSettings(call), onError: () => {} });
    let failure: unknown;
    for await (const part of result.fullStream) {
      if (part.type === 'error') failure ??= part.error;
      else if (part.type === 'abort') failure ??= call.signal.reason;
      else {
        const chunk = chunkOf(call, part);
        if (chunk !== undefined) enqueue(chunk);
      }
    }
    if (failure !== undefined) throw failure;
    checkFinish(call);
    await saveCallMessages(call, (await result.response).messages);
  } catch (error) {
    const typed = toAgentError(error, call);
    enqueue({ type: 'error', content: typed.message, metadata: { code: typed.code, status: typed.status } });
  } finally {
    call.dispose();
    try {
      controller.close();
    } catch {
      // Already closed by a cancel.
    }
  }
}

function chunkOf(call: PreparedCall, part: TextStreamPart<ToolSet>): StreamChunk | undefined {
  switch (part.type) {
    case 'text-delta':
      return part.text === '' ? undefined : { type: 'text', content: part.text };
    case 'tool-call':
      return toolChunk(call, part.toolName, {
        phase: 'call',
        toolCallId: part.toolCallId,
        input: part.input,
      });
    case 'tool-result':
      return toolChunk(call, part.toolName, {
        phase: 'result',
        toolCallId: part.toolCallId,
        output: part.output,
      });
    case 'tool-error': {
      const error = part.error instanceof Error ? part.error.message : String(part.error);
      return toolChunk(call, part.toolName, { phase: 'error', toolCallId: part.toolCallId, error });
    }
    default:
      return undefined;
  }
}

function toolChunk(call: PreparedCall, modelName: string, metadata: Record<string, unknown>): StreamChunk {
  return { type: 'tool', content: call.toolNames.get(modelName) ?? modelName, metadata };
}
