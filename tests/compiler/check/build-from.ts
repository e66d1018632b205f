import { buildGraph } from '../../../compiler/build-graph.js';
import type { Diagnostic } from '../../../compiler/diagnostic.js';
import type { ParsedManifest } from '../../../compiler/model.js';
import { parseSource } from '../../../compiler/parse.js';
import type { CompiledGraphV1 } from '../../../runtime/spec/v1/graph.js';

/** Parses YAML sources (file name -> text) and builds the graph, failing on parse problems. */
export function buildFrom(
  files: Readonly<Record<string, string>>,
  dir = '/nonexistent',
): { graph: CompiledGraphV1 | undefined; diagnostics: Diagnostic[] } {
  const manifests: ParsedManifest[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseSource(file, text);
    if (parsed.diagnostics.length > 0)
      throw new Error(
        `fixture ${file} does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`,
      );
    manifests.push(...parsed.manifests);
  }
  const diagnostics: Diagnostic[] = [];
  const graph = buildGraph(manifests, { dir, diagnostics });
  return { graph, diagnostics };
}

/** The 1-based line and column where `needle` first occurs in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in the fixture`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** A small project shared by the tests: tools, an agent, an integration and a knowledge base. */
export const baseFiles: Readonly<Record<string, string>> = {
  'weft.yaml': `apiVersion: weft/v1
kind: Project
metadata: { name: shop }
spec:
  models: { default: "openai:gpt-4o-mini" }
`,
  'tools/lookup-order.yaml': `apiVersion: weft/v1
kind: Tool
metadata: { name: lookup-order }
spec:
  input: { type: object, required: [orderId], properties: { orderId: { type: string } } }
  output:
    type: object
    required: [orderId, total, lines]
    properties:
      orderId: { type: string }
      total: { type: number }
      lines: { type: array, items: { type: object, properties: { sku: { type: string }, qty: { type: integer } } } }
  plugin: lookup-order
`,
  'tools/charge-card.yaml': `apiVersion: weft/v1
kind: Tool
metadata: { name: charge-card }
spec:
  input: { type: object, properties: { orderId: { type: string }, amount: { type: number } } }
  output: { type: object, required: [status], properties: { status: { type: string } } }
  secrets: [BILLING_TOKEN]
  http:
    method: POST
    url: "https://billing.example.com/orders/\${{ input.orderId }}/charge"
    body: { amount: "\${{ input.amount }}" }
    auth: { type: bearer, token: "\${{ env.BILLING_TOKEN }}" }
`,
  'agents/support.yaml': `apiVersion: weft/v1
kind: Agent
metadata: { name: support }
spec:
  instructions: "You help {{#if customerName}}{{customerName}}{{/if}}."
  context: { type: object, properties: { customerName: { type: string } } }
  tools: [lookup-order, crm]
  knowledge: [help-center]
`,
  'integrations/crm.yaml': `apiVersion: weft/v1
kind: Integration
metadata: { name: crm }
spec:
  baseUrl: https://crm.example.com/v2
  auth: { type: bearer, token: "\${{ env.CRM_TOKEN }}" }
  actions:
    get-customer:
      method: GET
      path: "/customers/\${{ input.customerId }}"
      input: { type: object, required: [customerId], properties: { customerId: { type: string } } }
      output: { type: object, properties: { name: { type: string } } }
`,
  'knowledge/help-center.yaml': `apiVersion: weft/v1
kind: Knowledge
metadata: { name: help-center }
spec:
  sources:
    - { id: greeting, text: Hello there. }
`,
};

/** A workflow manifest around the given `steps:` block (indented by four spaces per step line). */
export function workflow(name: string, body: string): string {
  return `apiVersion: weft/v1
kind: Workflow
metadata: { name: ${name} }
spec:
  input: { type: object, required: [orderId, amount], properties: { orderId: { type: string }, amount: { type: number } } }
${body}`;
}
