import { envelope } from './common.js';
import { closedObject, ref, type SchemaObject, string } from './schema-object.js';

/**
 * `$defs` of the Workflow kind (the steps themselves are in `step.ts`).
 *
 * @example
 * workflowDefs.workflowSpec.required; // ['steps']
 */
export const workflowDefs: Record<string, SchemaObject> = {
  workflowManifest: envelope(
    'Workflow',
    'workflowSpec',
    'A Workflow manifest: durable steps over typed data.',
  ),
  workflowSpec: closedObject(
    'The workflow: its input contract, steps and output mapping.',
    {
      input: ref('dataSchema', 'The schema of the run input (default: an object with no properties).'),
      steps: ref('stepList', 'The steps, run in sequence.'),
      output: ref('value', 'The run output: a value over `input` and `steps.<id>.output`.'),
      outputSchema: ref('dataSchema', 'The schema of the output (default: inferred from `output`).'),
      timeout: ref('duration', 'The longest the whole run may take.'),
      retries: ref('retryPolicy', 'The default retry policy of every step.'),
      onError: {
        description: 'What runs when the workflow fails: steps, or a plugin handler.',
        oneOf: [
          closedObject(
            'Steps run on failure, with `error` in scope.',
            { steps: ref('stepList', 'The steps.') },
            ['steps'],
          ),
          closedObject(
            'A plugin-registered error handler.',
            { handler: string('The handler name.', { minLength: 1 }) },
            ['handler'],
          ),
        ],
      },
    },
    ['steps'],
  ),
};
