/**
 * The compiler's diagnostic catalogue. Codes are stable and never reused; each is documented in
 * `docs/errors.md` (a test checks both ways). Group by stage: YAML_*, MANIFEST_*, SCHEMA_*,
 * LINK_*, REF_*, CEL_*, TEMPLATE_*, GRAPH_*, SECRET_*, PLUGIN_*, PROJECT_*, EMIT_*.
 */
export const diagnosticCatalogue = {
  // Files and YAML
  FILE_UNREADABLE: 'The file cannot be read.',
  FILE_TOO_LARGE: 'The file is larger than the manifest size limit.',
  FILE_NOT_YAML: 'The file is not YAML text.',
  FILE_EMPTY: 'The file holds no manifest.',
  YAML_SYNTAX: 'The YAML cannot be parsed.',
  YAML_DUPLICATE_KEY: 'A key appears twice in the same mapping.',
  YAML_ALIAS_LIMIT: 'The document expands too many YAML aliases.',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: weft's `${{ }}` manifest expression, not a JS template
  YAML_UNQUOTED_EXPRESSION: 'A `${{ }}` expression inside a flow collection must be quoted.',
  // Envelope
  MANIFEST_NOT_OBJECT: 'A manifest must be a mapping with apiVersion, kind, metadata and spec.',
  MANIFEST_UNKNOWN_API_VERSION: 'Unknown apiVersion.',
  MANIFEST_UNKNOWN_KIND: 'Unknown manifest kind.',
  MANIFEST_DUPLICATE_NAME: 'Two manifests of the same kind have the same name.',
  // JSON Schema validation
  SCHEMA_UNKNOWN_KEY: 'Unknown key.',
  SCHEMA_MISSING_KEY: 'A required key is missing.',
  SCHEMA_WRONG_TYPE: 'The value has the wrong type.',
  SCHEMA_INVALID_VALUE: 'The value is not allowed here.',
  SCHEMA_INVALID_DURATION: 'A duration must look like 250ms, 5s, 10m, 2h, 7d or 1h30m.',
  SCHEMA_INVALID_NAME: 'A name must be kebab-case (lowercase letters, digits and dashes).',
  SCHEMA_ONE_KIND_KEY: 'A step or executor must have exactly one kind key.',
  SCHEMA_INVALID_DATA_SCHEMA: 'The data schema is not a valid JSON Schema for weft.',
  // Project
  PROJECT_MISSING: 'No weft.yaml (kind Project) found in the project folder.',
  PROJECT_DUPLICATE: 'More than one Project manifest.',
  PROJECT_PLUGIN_NOT_FOUND: 'A plugin file listed in weft.yaml does not exist.',
  PROJECT_PLUGIN_LOAD_FAILED: 'A plugin listed in weft.yaml cannot be loaded.',
  PLUGIN_EXECUTOR_NOT_FOUND: 'No plugin registers this tool executor.',
  // Linking names
  LINK_UNKNOWN_TOOL: 'Unknown tool.',
  LINK_UNKNOWN_AGENT: 'Unknown agent.',
  LINK_UNKNOWN_WORKFLOW: 'Unknown workflow.',
  LINK_UNKNOWN_KNOWLEDGE: 'Unknown knowledge base.',
  LINK_UNKNOWN_INTEGRATION: 'Unknown integration.',
  LINK_UNKNOWN_ACTION: 'Unknown integration action.',
  LINK_UNKNOWN_PROVIDER: 'Unknown model provider.',
  LINK_WORKFLOW_CYCLE: 'Workflows call each other in a cycle.',
  LINK_OPENAPI_INVALID: 'The OpenAPI document cannot be used.',
  LINK_OPENAPI_UNKNOWN_OPERATION: 'The OpenAPI document has no such operationId.',
  LINK_INPUT_MISSING_FIELD: 'A step does not give a field its tool or sub-workflow requires.',
  LINK_INPUT_UNKNOWN_FIELD: 'A step gives a field its tool or sub-workflow input does not have.',
  LINK_INPUT_WRONG_TYPE: 'A step gives a field of a type its tool or sub-workflow input cannot take.',
  // References ${{ }}
  REF_SYNTAX: 'The reference cannot be parsed.',
  REF_UNKNOWN_ROOT: 'Unknown reference root.',
  REF_UNKNOWN_STEP: 'The reference names a step that does not exist.',
  REF_STEP_NOT_YET_RUN: 'The reference names a step that has not run at this point.',
  REF_STEP_NOT_VISIBLE: 'The reference names a step inside a container; use the container output.',
  REF_UNKNOWN_FIELD: 'The referenced field does not exist in the schema.',
  REF_NOT_INDEXABLE: 'The reference indexes into a value that is not an array or object.',
  REF_ROOT_NOT_IN_SCOPE: 'The reference root is not available here.',
  // CEL
  CEL_SYNTAX: 'The CEL expression cannot be parsed.',
  CEL_TYPE: 'The CEL expression does not type-check.',
  CEL_NOT_BOOLEAN: 'A condition must evaluate to a boolean.',
  CEL_NOT_LIST: 'A foreach `items` expression must evaluate to a list.',
  // Handlebars templates
  TEMPLATE_SYNTAX: 'The prompt template cannot be parsed.',
  TEMPLATE_UNKNOWN_VARIABLE: 'The prompt template uses a variable its input does not have.',
  TEMPLATE_UNKNOWN_HELPER: 'The prompt template uses an unknown helper.',
  // Graph checks
  GRAPH_DUPLICATE_STEP_ID: 'Two steps of the workflow have the same id.',
  GRAPH_LOOP_WITHOUT_MAX: 'A loop must set maxIterations.',
  GRAPH_LOOP_WITHOUT_CONDITION: 'A loop needs `until` or `while`.',
  GRAPH_UNREACHABLE_STEP: 'The step can never run.',
  GRAPH_EMPTY_STEPS: 'A step list must not be empty.',
  // Secrets
  SECRET_LITERAL: 'A secret field must not hold a literal value.',
  SECRET_OUTSIDE_SECRET_FIELD: 'Environment references are only allowed in secret fields.',
  // Emit
  EMIT_FAILED: 'An artefact could not be generated.',
  // Front end (discover, parse, validate, compile)
  COMPILER_INTERNAL_ERROR: 'The compiler failed unexpectedly (a bug in weft); the message says where.',
  PROJECT_NOT_FOUND: 'The project folder does not exist or cannot be read.',
} as const;

export type DiagnosticCode = keyof typeof diagnosticCatalogue;
