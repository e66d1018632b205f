import { describe, expect, it } from 'vitest';
import { LocalHashEmbedder } from '../../../runtime/embedders/local-hash-embedder.js';
import { KnowledgeBases } from '../../../runtime/rag/knowledge-bases.js';
import { MemoryStorage } from '../../../runtime/storage/memory-storage.js';
import { MemoryVectorStore } from '../../../runtime/vector/memory-vector-store.js';
import { Weft } from '../../../runtime/weft.js';
import { knowledgeDefinition } from './rag-fixture.js';

const definitions = new URL('../../../definitions/', import.meta.url).pathname;

function bases() {
  const project = new MemoryVectorStore();
  const own = new MemoryVectorStore();
  const opened: string[] = [];
  const knowledge = new KnowledgeBases({
    graph: {
      knowledge: {
        docs: knowledgeDefinition(),
        archive: knowledgeDefinition({ name: 'archive', index: 'archive', store: 'other' }),
      },
    },
    storage: new MemoryStorage(),
    projectDir: '/nowhere',
    vector: async () => project,
    openStore: async (adapter) => {
      opened.push(adapter);
      return own;
    },
    embedder: async (spec) => new LocalHashEmbedder(Number(spec.split('-').at(-1))),
  });
  return { knowledge, project, own, opened };
}

describe('KnowledgeBases', () => {
  it('lists the names, sorted, and gives one shared instance per name', () => {
    const { knowledge } = bases();
    expect(knowledge.names()).toEqual(['archive', 'docs']);
    expect(knowledge.get('docs')).toBe(knowledge.get('docs'));
  });

  it('answers KNOWLEDGE_NOT_FOUND with a did-you-mean', () => {
    const { knowledge } = bases();
    expect(() => knowledge.get('doc')).toThrow(
      expect.objectContaining({
        code: 'KNOWLEDGE_NOT_FOUND',
        status: 404,
        message: 'No knowledge base is named "doc". Did you mean "docs"?',
        details: { knowledge: 'doc', suggestion: 'docs', known: ['archive', 'docs'] },
      }),
    );
  });

  it("uses the project's vector store, or the knowledge base's own store (opened once)", async () => {
    const { knowledge, project, own, opened } = bases();
    await knowledge.get('docs').add({ id: 'a', text: 'In the project store.' });
    await knowledge.get('archive').add({ id: 'b', text: 'In its own store.' });
    await knowledge.get('archive').query('own store');
    expect(await project.listIndexes()).toEqual(['docs']);
    expect(await own.listIndexes()).toEqual(['archive']);
    expect(opened).toEqual(['other']);
  });
});

describe('weft.getKnowledge', () => {
  it('gives the knowledge bases of the project, and KNOWLEDGE_NOT_FOUND for an unknown name', async () => {
    const weft = await Weft.open(definitions, { storage: 'memory' });
    try {
      expect(weft.knowledge.names()).toEqual(['help-center']);
      expect(weft.getKnowledge('help-center').index).toBe('help_center');
      expect(() => weft.getKnowledge('help-centre')).toThrow(
        expect.objectContaining({ code: 'KNOWLEDGE_NOT_FOUND' }),
      );
    } finally {
      await weft.close();
    }
  });
});
