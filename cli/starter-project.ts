/**
 * The files `weft init` writes: a Project, one plugin tool with its TypeScript executor and one
 * workflow that calls it. Paths are relative to the new project folder.
 *
 * @example
 * starterProject('support-desk')['weft.yaml']; // 'apiVersion: weft/v1\nkind: Project\n...'
 */
export function starterProject(name: string): Record<string, string> {
  return {
    '.gitignore': '.weft/\nnode_modules/\n',
    // ESM, so that TypeScript plugins load as modules wherever the project lives.
    'package.json': `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`,
    'weft.yaml': `# yaml-language-server: $schema=https://weft.dev/schema/v1/project.schema.json
apiVersion: weft/v1
kind: Project
metadata:
  name: ${name}
  description: A weft project.
spec:
  plugins:
    - ./plugins/greetings.ts
`,
    'tools/greet.yaml': `# yaml-language-server: $schema=https://weft.dev/schema/v1/tool.schema.json
apiVersion: weft/v1
kind: Tool
metadata:
  name: greet
  description: Greet someone by name.
spec:
  input:
    type: object
    required: [name]
    properties:
      name: { type: string, minLength: 1 }
  output:
    type: object
    required: [message]
    properties:
      message: { type: string }
  timeout: 5s
  plugin: greet
`,
    'workflows/hello.yaml': `# yaml-language-server: $schema=https://weft.dev/schema/v1/workflow.schema.json
apiVersion: weft/v1
kind: Workflow
metadata:
  name: hello
  description: Greet the person named in the input.
spec:
  input:
    type: object
    required: [name]
    properties:
      name: { type: string }
  steps:
    - id: greet
      tool: greet
      with: { name: "\${{ input.name }}" }
      retry: { maxAttempts: 3, backoff: exponential, delay: 200ms }
  output:
    message: "\${{ steps.greet.output.message }}"
`,
    'plugins/greetings.ts': `/**
 * The executors of this project's \`plugin\` tools. weft.yaml lists this file under \`plugins\`.
 */
import { definePlugin } from 'weft';

export default definePlugin({
  name: 'greetings',
  apiVersion: 'v1',
  setup(registry) {
    registry.tool('greet', async (input: { name: string }) => ({ message: \`Hello, \${input.name}!\` }));
  },
});
`,
  };
}

/**
 * A kebab-case project name derived from a folder name (`My Project` -> `my-project`).
 *
 * @example
 * projectNameFrom('Support_Desk'); // 'support-desk'
 */
export function projectNameFrom(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name === '' ? 'my-project' : name;
}
