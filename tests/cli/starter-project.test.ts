import { describe, expect, it } from 'vitest';
import { projectNameFrom, starterProject } from '../../cli/starter-project.js';
import { parseSource } from '../../compiler/parse.js';
import { validateManifest } from '../../compiler/validate.js';

describe('starterProject', () => {
  const files = starterProject('my-project');
  const manifests = Object.entries(files)
    .filter(([path]) => path.endsWith('.yaml'))
    .flatMap(([path, text]) => parseSource(path, text).manifests);

  it('holds a Project, a Tool and a Workflow', () => {
    expect(manifests.map((manifest) => `${manifest.kind}/${manifest.name}`).sort()).toEqual([
      'Project/my-project',
      'Tool/greet',
      'Workflow/hello',
    ]);
  });

  it('passes schema validation', () => {
    expect(manifests.flatMap((manifest) => validateManifest(manifest))).toEqual([]);
  });

  it('ships the plugin that weft.yaml lists, registering the tool executor', () => {
    expect(files['weft.yaml']).toContain('./plugins/greetings.ts');
    expect(files['plugins/greetings.ts']).toMatch(/import \{ definePlugin \} from 'weft'/);
    expect(files['plugins/greetings.ts']).toContain("registry.tool('greet'");
  });
});

describe('projectNameFrom', () => {
  it.each([
    ['Support_Desk', 'support-desk'],
    ['my project!', 'my-project'],
    ['123', 'my-project'],
    ['2fast', 'fast'],
  ])('%s -> %s', (folder, want) => {
    expect(projectNameFrom(folder)).toBe(want);
  });
});
