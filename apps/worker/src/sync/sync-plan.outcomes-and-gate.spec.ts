import { toolContentHash } from '@toolgate/pipeline';
import { planSync, type RegistryServerTool } from './sync-plan';

const tool = (name: string, description: string) => ({ name, description, inputSchema: { type: 'object', properties: {} } });

function registryTool(name: string, description: string, extra: Partial<RegistryServerTool> = {}): RegistryServerTool {
  const hash = toolContentHash(tool(name, description));
  return { id: `id-${name}`, name, deleted: false, currentHash: hash, approved: { id: `v-${name}`, version: 1, contentHash: hash, definition: tool(name, description) }, ...extra };
}

describe('planSync', () => {
  it('sorts a listing into added, changed, removed and unchanged by full-definition hash', () => {
    const registry = [registryTool('same', 'Same.'), registryTool('edited', 'Before.'), registryTool('gone', 'Gone.')];
    const plan = planSync([tool('same', 'Same.'), tool('edited', 'After.'), tool('fresh', 'New.')], registry);
    expect(plan.unchanged).toBe(1);
    expect(plan.upserts.map((u) => [u.name, u.kind])).toEqual([
      ['edited', 'changed'],
      ['fresh', 'added'],
    ]);
    expect(plan.removals).toEqual([{ toolId: 'id-gone', name: 'gone' }]);
  });

  it('gates a changed tool that has an approved version, with the approved definition to diff against', () => {
    const plan = planSync([tool('edited', 'After.')], [registryTool('edited', 'Before.')]);
    expect(plan.upserts[0]).toMatchObject({ kind: 'changed', gate: { approvedVersionId: 'v-edited', approvedVersion: 1, before: tool('edited', 'Before.') } });
  });

  it('does not gate a tool that was never approved, nor a return to the approved definition', () => {
    const neverApproved = planSync([tool('blocked', 'After.')], [registryTool('blocked', 'Before.', { approved: null })]);
    expect(neverApproved.upserts[0]!.gate).toBeUndefined();
    const approved = registryTool('back', 'Approved.');
    const reverted = planSync([tool('back', 'Approved.')], [{ ...approved, currentHash: toolContentHash(tool('back', 'Pending change.')) }]);
    expect(reverted.upserts[0]).toMatchObject({ kind: 'changed' });
    expect(reverted.upserts[0]!.gate).toBeUndefined();
  });

  it('revives a removed tool as added, gated when it comes back with another definition than the approved one', () => {
    const removed = registryTool('back', 'Approved.', { deleted: true });
    expect(planSync([tool('back', 'Approved.')], [removed]).upserts[0]).toEqual(expect.objectContaining({ kind: 'added' }));
    expect(planSync([tool('back', 'Approved.')], [removed]).upserts[0]!.gate).toBeUndefined();
    expect(planSync([tool('back', 'Sneaky.')], [removed]).upserts[0]!.gate).toMatchObject({ approvedVersionId: 'v-back' });
    expect(planSync([], [removed]).removals).toEqual([]);
  });
});
