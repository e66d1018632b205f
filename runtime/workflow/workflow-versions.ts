import { weftError } from '../errors/create-weft-error.js';
import type { CompiledGraphV1, WorkflowGraphV1 } from '../spec/v1/graph.js';
import type { RunRecordV1, StorageV1 } from '../spec/v1/storage.js';
import { closestName } from '../text/closest-name.js';

/**
 * The workflow graphs a process knows: the current version of each workflow by name, and every
 * version by content hash. A started run stores its version (`putGraph`, once per hash per
 * process); a recovered run loads its version by hash, so it executes what it started with.
 *
 * @example
 * const versions = new WorkflowVersions(graph, storage);
 * const workflow = versions.current('order-approval');
 * await versions.ensureStored(workflow);
 * const pinned = await versions.forRun(record); // the version `record.workflowHash` names
 */
export class WorkflowVersions {
  private readonly byHash = new Map<string, WorkflowGraphV1>();
  private readonly stored = new Map<string, Promise<void>>();

  constructor(
    private readonly graph: CompiledGraphV1,
    private readonly storage: StorageV1,
  ) {
    for (const workflow of Object.values(graph.workflows)) this.byHash.set(workflow.hash, workflow);
  }

  names(): string[] {
    return Object.keys(this.graph.workflows);
  }

  /** The current version; `WORKFLOW_NOT_FOUND` (with a did-you-mean) for an unknown name. */
  current(name: string): WorkflowGraphV1 {
    const workflow = this.graph.workflows[name];
    if (workflow !== undefined) return workflow;
    const suggestion = closestName(name, this.names());
    throw weftError('WORKFLOW_NOT_FOUND', {
      message: `No workflow is named "${name}".${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`}`,
      details: suggestion === undefined ? { workflow: name } : { workflow: name, suggestion },
    });
  }

  /** Stores the version in storage once per hash per process. */
  ensureStored(workflow: WorkflowGraphV1): Promise<void> {
    let pending = this.stored.get(workflow.hash);
    if (pending === undefined) {
      pending = this.storage.putGraph(workflow.hash, workflow);
      pending.catch(() => this.stored.delete(workflow.hash));
      this.stored.set(workflow.hash, pending);
    }
    return pending;
  }

  /** The version a run executes: by its hash (memory, then storage), else the current one. */
  async forRun(record: RunRecordV1): Promise<WorkflowGraphV1> {
    const known = this.byHash.get(record.workflowHash);
    if (known !== undefined) return known;
    const loaded = await this.storage.getGraph(record.workflowHash);
    if (isWorkflowGraph(loaded) && loaded.hash === record.workflowHash) {
      this.byHash.set(loaded.hash, loaded);
      this.stored.set(loaded.hash, Promise.resolve());
      return loaded;
    }
    return this.current(record.workflow);
  }
}

function isWorkflowGraph(value: unknown): value is WorkflowGraphV1 {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<WorkflowGraphV1>;
  return (
    typeof candidate.name === 'string' && typeof candidate.hash === 'string' && Array.isArray(candidate.steps)
  );
}
