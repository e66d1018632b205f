import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSchemaFiles } from '../../schema/generate-schema-files.js';
import { repoRoot } from './definition-files.js';

describe('the generated schema files', () => {
  let files: Record<string, string> = {};
  beforeAll(async () => {
    files = await generateSchemaFiles();
  });

  it('are the files the generator writes (run `npm run generate:schemas` after editing schema/src)', () => {
    expect(Object.keys(files).sort()).toEqual([
      'compiler/manifest-types.ts',
      'schema/agent.schema.json',
      'schema/integration.schema.json',
      'schema/knowledge.schema.json',
      'schema/project.schema.json',
      'schema/tool.schema.json',
      'schema/weft.schema.json',
      'schema/workflow.schema.json',
    ]);
    for (const [path, content] of Object.entries(files)) {
      expect(readFileSync(join(repoRoot, path), 'utf8'), path).toBe(content);
    }
  });

  it('are deterministic', async () => {
    expect(await generateSchemaFiles()).toEqual(files);
  });

  it('mark the TypeScript as generated', () => {
    const types = files['compiler/manifest-types.ts'] ?? '';
    expect(types.split('\n')[1]).toMatch(/^\/\/ Do not edit/);
    for (const name of [
      'WorkflowManifest',
      'WorkflowSpec',
      'ToolSpec',
      'Step',
      'DataSchema',
      'Secret',
      'ManifestByKind',
    ]) {
      expect(types).toMatch(new RegExp(`^export (interface|type) ${name}\\b`, 'm'));
    }
  });
});
