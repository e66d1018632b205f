// biome-ignore-all lint/suspicious/noTemplateCurlyInString: descriptions quote the `${{ }}` expression syntax.
import { stepIdPattern } from './common.js';
import { arrayOf, closedObject, integer, mapOf, ref, type SchemaObject, string } from './schema-object.js';

/**
 * The ten step kinds, each the name of its kind key; the `$defs` entry of kind `k` is `${k}Step`.
 *
 * @example
 * stepKinds.includes('foreach'); // true
 */
export const stepKinds = [
  'tool',
  'agent',
  'workflow',
  'parallel',
  'switch',
  'foreach',
  'loop',
  'suspend',
  'sleep',
  'set',
] as const;

/** One of the ten step kinds. */
export type StepKind = (typeof stepKinds)[number];

const steps = (description: string): SchemaObject => ref('stepList', description);

/** Fields every step accepts, whatever its kind. */
function stepCommon(): Record<string, SchemaObject> {
  return {
    id: string('The step id, unique in the workflow (nested steps included); referenced as `steps.<id>`.', {
      pattern: stepIdPattern,
      maxLength: 63,
    }),
    description: string('What the step does.'),
    when: ref(
      'celExpression',
      'A CEL condition; when false the step is skipped (status skipped, output null).',
    ),
    retry: ref('retryPolicy', 'How the step is retried when it fails (default: the workflow `retries`).'),
    timeout: ref('duration', 'The longest one attempt may run.'),
    catch: steps(
      'Steps run when the step fails after its retries; their last output becomes the step output.',
    ),
    compensate: ref('compensation', 'Undo action run (in reverse order) when a later step fails the run.'),
  };
}

function stepOf(
  kind: StepKind,
  description: string,
  own: Record<string, SchemaObject>,
  alsoRequired: readonly string[] = [],
): SchemaObject {
  return closedObject(description, { ...stepCommon(), ...own }, ['id', kind, ...alsoRequired]);
}

const compensation: SchemaObject = {
  description: 'A tool or workflow call that undoes a completed step.',
  oneOf: [
    closedObject(
      'Call a tool to compensate.',
      { tool: ref('toolName', 'The tool to call.'), with: ref('value', 'The tool input.') },
      ['tool'],
    ),
    closedObject(
      'Run a workflow to compensate.',
      { workflow: ref('name', 'The workflow to run.'), with: ref('value', 'The workflow input.') },
      ['workflow'],
    ),
  ],
};

const switchCase: SchemaObject = {
  description: 'A switch case: `{ when, steps }`, or the `{ default: [steps] }` case.',
  oneOf: [
    closedObject(
      'Run `steps` when the condition holds (the first true case wins).',
      { when: ref('celExpression', 'The CEL condition.'), steps: steps('The steps of this case.') },
      ['when', 'steps'],
    ),
    closedObject(
      'Run these steps when no case matched.',
      { default: steps('The steps of the default case.') },
      ['default'],
    ),
  ],
};

/**
 * `$defs` of the step language (recursive through `stepList`).
 *
 * @example
 * stepDefs.toolStep; // the closed object schema of a `tool` step
 */
export const stepDefs: Record<string, SchemaObject> = {
  step: {
    description: 'A workflow step: an `id` and exactly one kind key.',
    oneOf: stepKinds.map((kind) => ({ $ref: `#/$defs/${kind}Step` })),
  },
  stepList: arrayOf('A sequence of steps, run in order.', { $ref: '#/$defs/step' }),
  compensation,
  switchCase,
  toolStep: stepOf('tool', 'Call a tool; the output is the tool output.', {
    tool: ref('toolName', 'The tool (or integration action `<integration>.<action>`) to call.'),
    with: ref('value', 'The tool input; strings may embed `${{ }}`.'),
  }),
  agentStep: stepOf(
    'agent',
    'Ask an agent; the output is its structured output, else `{ text }`.',
    {
      agent: ref('name', 'The agent to ask.'),
      prompt: ref('template', 'Handlebars prompt over `{ input, steps, item, index, iteration }`.'),
      context: ref('value', 'Values for the agent instructions template (its `context` schema).'),
    },
    ['prompt'],
  ),
  workflowStep: stepOf('workflow', "Run a sub-workflow; the output is the sub-workflow's output.", {
    workflow: ref('name', 'The workflow to run.'),
    with: ref('value', 'The sub-workflow input.'),
  }),
  parallelStep: stepOf('parallel', 'Run branches at the same time.', {
    parallel: closedObject(
      'The branches and how they complete.',
      {
        mode: string('`all` waits for every branch; `race` takes the first to finish (default all).', {
          enum: ['all', 'race'],
        }),
        branches: arrayOf(
          'The branches.',
          closedObject(
            'One branch.',
            {
              id: string('The branch id (a key of the output with mode all).', {
                pattern: stepIdPattern,
                maxLength: 63,
              }),
              steps: steps('The steps of the branch.'),
            },
            ['id', 'steps'],
          ),
          { minItems: 1 },
        ),
      },
      ['branches'],
    ),
  }),
  switchStep: stepOf(
    'switch',
    'Run the first case whose condition holds; the output is that branch output.',
    {
      switch: arrayOf(
        'The cases, in order; at most one `default`, last.',
        { $ref: '#/$defs/switchCase' },
        { minItems: 1 },
      ),
    },
  ),
  foreachStep: stepOf(
    'foreach',
    'Run steps for each element of a list; the output is the array of results.',
    {
      foreach: closedObject(
        'The list and the body.',
        {
          items: ref('celExpression', 'A CEL expression giving the list (`range(1, input.n + 1)`).'),
          filter: ref('celExpression', 'A CEL condition over `item` and `index`; false skips the element.'),
          concurrency: integer('How many elements run at the same time (default 1).', {
            minimum: 1,
            maximum: 1000,
          }),
          steps: steps('The body, run with `item` and `index` in scope.'),
        },
        ['items', 'steps'],
      ),
    },
  ),
  loopStep: stepOf('loop', "Repeat steps; the output is the last iteration's output.", {
    loop: closedObject(
      'The condition, the bound and the body.',
      {
        until: ref('celExpression', 'Stop after an iteration where this holds.'),
        while: ref('celExpression', 'Run an iteration while this holds.'),
        maxIterations: integer('The most iterations the loop may run (required by the compiler).', {
          minimum: 1,
        }),
        steps: steps('The body, run with `iteration` in scope.'),
      },
      ['steps'],
    ),
  }),
  suspendStep: stepOf('suspend', 'Wait for human input; the output is the resume data.', {
    suspend: closedObject(
      'What is shown and what is expected back.',
      {
        payload: ref('value', 'Data shown to whoever resumes the run.'),
        resume: ref('dataSchema', 'The schema the resume data must match.'),
        timeout: ref('duration', 'How long to wait before `onTimeout` applies.'),
        onTimeout: closedObject(
          'What happens when the timeout passes.',
          {
            action: string('Fail the run, or resume it with `data`.', { enum: ['fail', 'resume'] }),
            data: ref('value', 'The resume data used with action resume.'),
          },
          ['action'],
        ),
      },
      ['resume'],
    ),
  }),
  sleepStep: stepOf('sleep', 'Wait for a duration or until a time; the output is `{ sleptMs }`.', {
    sleep: {
      description: 'A duration (`10s`), or `{ until: <ISO timestamp value> }`.',
      oneOf: [
        { $ref: '#/$defs/duration' },
        closedObject(
          'Sleep until a time.',
          { until: ref('value', 'A value giving an ISO-8601 timestamp.') },
          ['until'],
        ),
      ],
    },
  }),
  setStep: stepOf('set', 'Compute values; the output is the object.', {
    set: mapOf('The values to compute; strings may embed `${{ }}`.', { $ref: '#/$defs/value' }),
  }),
};
