import type { AgentKnowledgeTool } from '../agent/agent-types.js';
import { weftError } from '../errors/create-weft-error.js';
import type { KnowledgeBase } from './knowledge-base.js';

/**
 * The longest chunk text a search tool returns to the model (characters; longer texts are cut).
 *
 * @example
 * hit.text.slice(0, searchToolTextLimit);
 */
export const searchToolTextLimit = 2_000;

/**
 * The largest `topK` the model may ask a search tool for (default 4).
 *
 * @example
 * searchToolTopK.max; // 20
 */
export const searchToolTopK = { default: 4, max: 20 } as const;

/**
 * The tool name of a knowledge base's search tool: `search_` and the name with every character
 * outside `[a-zA-Z0-9_]` turned into `_` (model providers allow few characters in tool names).
 *
 * @example
 * searchToolName('help-center'); // 'search_help_center'
 */
export function searchToolName(knowledge: string): string {
  return `search_${knowledge.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

/**
 * The search tool an agent gets for a knowledge base it lists: input `{ query, topK? }` (topK 1 to
 * 20, default 4), output `{ hits: [{ text, documentId, section?, score }] }` with texts cut at
 * 2,000 characters and scores rounded to 3 decimals, so the model gets the passages and little
 * else.
 *
 * @example
 * const tool = knowledgeSearchTool(weft.getKnowledge('help-center'));
 * await tool.search({ query: 'refund timelines' }, AbortSignal.timeout(10_000));
 */
export function knowledgeSearchTool(knowledge: KnowledgeBase): AgentKnowledgeTool {
  const description = knowledge.definition.description;
  return {
    name: searchToolName(knowledge.name),
    description: `Search the knowledge base "${knowledge.name}"${description === undefined ? '' : ` (${description})`} and return the most relevant passages. Use it to answer from documented facts.`,
    input: {
      type: 'object',
      additionalProperties: false,
      required: ['query'],
      properties: {
        query: { type: 'string', minLength: 1, description: 'What to look for, in natural language.' },
        topK: {
          type: 'integer',
          minimum: 1,
          maximum: searchToolTopK.max,
          description: `How many passages to return (default ${searchToolTopK.default}).`,
        },
      },
    },
    async search(input, signal) {
      const { query, topK } = parseInput(input);
      const hits = await knowledge.query(query, { topK: topK ?? searchToolTopK.default, signal });
      return {
        hits: hits.map((hit) => ({
          text:
            hit.text.length > searchToolTextLimit ? `${hit.text.slice(0, searchToolTextLimit)}…` : hit.text,
          documentId: hit.documentId,
          ...(typeof hit.metadata.section === 'string' ? { section: hit.metadata.section } : {}),
          score: Math.round(hit.score * 1000) / 1000,
        })),
      };
    },
  };
}

function parseInput(input: unknown): { query: string; topK?: number } {
  const { query, topK } = (typeof input === 'object' && input !== null ? input : {}) as {
    query?: unknown;
    topK?: unknown;
  };
  if (typeof query !== 'string' || query.trim() === '')
    throw weftError('TOOL_INPUT_INVALID', {
      message: 'The search needs a non-empty "query" string.',
      details: { pointer: '/query' },
    });
  if (topK === undefined) return { query };
  if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1 || topK > searchToolTopK.max)
    throw weftError('TOOL_INPUT_INVALID', {
      message: `"topK" must be a whole number from 1 to ${searchToolTopK.max}.`,
      details: { pointer: '/topK' },
    });
  return { query, topK };
}
