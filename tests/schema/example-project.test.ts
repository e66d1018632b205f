import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { schemaFileName } from '../../schema/index.js';
import { definitionFiles, definitionsDir } from './definition-files.js';

const files = definitionFiles();
const byName = (kind: string, name: string) =>
  files.find((file) => file.value.kind === kind && (file.value.metadata as { name?: string }).name === name)
    ?.value;

describe('the example project files', () => {
  it.each(files.map((file) => [file.path, file] as const))(
    '%s starts with the right schema modeline',
    (path, file) => {
      const depth = path.split('/').length - 1;
      const schemaPath = posix.join(
        ...Array(depth + 1).fill('..'),
        'schema',
        schemaFileName(file.value.kind as 'Tool'),
      );
      expect(file.source.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schemaPath}`);
      expect(existsSync(join(definitionsDir, dirname(path), schemaPath))).toBe(true);
    },
  );

  it('names each file after its manifest (weft.yaml for the project)', () => {
    for (const file of files) {
      const name = (file.value.metadata as { name: string }).name;
      const want = file.value.kind === 'Project' ? 'weft.yaml' : `${file.path.split('/')[0]}/${name}.yaml`;
      expect(file.path).toBe(want);
    }
  });

  it('has the manifests the rest of weft relies on', () => {
    const names = files
      .map((file) => `${file.value.kind}/${(file.value.metadata as { name: string }).name}`)
      .sort();
    expect(names).toEqual([
      'Agent/researcher',
      'Agent/support',
      'Integration/crm',
      'Integration/status-page',
      'Knowledge/help-center',
      'Project/support-desk',
      'Tool/charge-card',
      'Tool/flaky',
      'Tool/lookup-order',
      'Tool/refund',
      'Tool/slow-step',
      'Tool/square',
      'Tool/weather',
      'Workflow/answer-customer',
      'Workflow/fan-out-sum',
      'Workflow/flaky-retry',
      'Workflow/order-approval',
      'Workflow/research',
      'Workflow/slow-steps',
    ]);
  });

  it('imports only operations the OpenAPI document of status-page defines', () => {
    const spec = byName('Integration', 'status-page')?.spec as {
      openapi: { file: string; operations: string[] };
    };
    const document = parse(readFileSync(join(definitionsDir, 'integrations', spec.openapi.file), 'utf8')) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(document.openapi).toMatch(/^3\.0\./);
    const operationIds = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(operationIds).toEqual(expect.arrayContaining(spec.openapi.operations));
  });

  it('gives the help center three markdown documents, one the refunds policy', () => {
    const docs = readdirSync(join(definitionsDir, 'knowledge', 'help-center')).filter((name) =>
      name.endsWith('.md'),
    );
    expect(docs).toHaveLength(3);
    expect(readFileSync(join(definitionsDir, 'knowledge', 'help-center', 'refunds.md'), 'utf8')).toMatch(
      /^# Refunds policy/,
    );
  });

  it('lists its plugin in weft.yaml and ships it', () => {
    const spec = byName('Project', 'support-desk')?.spec as { plugins: string[]; storage?: unknown };
    expect(spec.storage).toBeUndefined();
    for (const plugin of spec.plugins) expect(existsSync(join(definitionsDir, plugin)), plugin).toBe(true);
  });
});
