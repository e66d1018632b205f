import { envelope } from './common.js';
import { arrayOf, closedObject, integer, number, ref, type SchemaObject, string } from './schema-object.js';

const memory: SchemaObject = {
  description: 'Conversation memory bound to `threadId`/`resourceId`, or false for none.',
  oneOf: [
    { type: 'boolean', const: false, description: 'No memory.' },
    closedObject('Memory settings.', {
      lastMessages: integer('How many recent messages of the thread are included (default 10).', {
        minimum: 0,
      }),
      semanticRecall: closedObject(
        'Recall older messages by meaning.',
        {
          topK: integer('How many similar messages to recall.', { minimum: 1, maximum: 100 }),
          scope: string('Search the current thread or every thread of the resource.', {
            enum: ['thread', 'resource'],
          }),
        },
        ['topK'],
      ),
    }),
  ],
};

/**
 * `$defs` of the Agent kind.
 *
 * @example
 * agentDefs.agentSpec.required; // ['instructions']
 */
export const agentDefs: Record<string, SchemaObject> = {
  agentManifest: envelope('Agent', 'agentSpec', 'An Agent manifest: a model, instructions and tools.'),
  agentSpec: closedObject(
    'The agent.',
    {
      model: ref('model', "The model `provider:model` (default the project's models.default)."),
      instructions: ref('template', 'The system instructions: Handlebars over `context`.'),
      context: ref('dataSchema', 'The schema of the variables of `instructions`.'),
      tools: arrayOf(
        'Tools: tool names, integration actions (`crm.get-customer`) or whole integrations (`crm`).',
        { $ref: '#/$defs/toolName' },
        { uniqueItems: true },
      ),
      agents: arrayOf('Agents callable as tools.', { $ref: '#/$defs/name' }, { uniqueItems: true }),
      workflows: arrayOf('Workflows callable as tools.', { $ref: '#/$defs/name' }, { uniqueItems: true }),
      knowledge: arrayOf(
        'Knowledge bases; each gives a `search_<name>` tool.',
        { $ref: '#/$defs/name' },
        {
          uniqueItems: true,
        },
      ),
      memory,
      maxSteps: integer('The most model calls of one generation (tool loop), default 5.', {
        minimum: 1,
        maximum: 100,
      }),
      temperature: number('Sampling temperature.', { minimum: 0, maximum: 2 }),
      maxTokens: integer('The most tokens one model call may generate.', { minimum: 1 }),
      timeout: ref('duration', 'The longest one generation may take.'),
      output: ref('dataSchema', 'The structured output schema (generateObject).'),
    },
    ['instructions'],
  ),
};
