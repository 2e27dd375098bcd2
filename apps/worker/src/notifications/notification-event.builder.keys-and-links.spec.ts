import type { ApprovalSubject, ConflictSubject } from '@toolgate/db';
import { approvalEvent, conflictEvent, definitionChanges, link, toolChangedEvent } from './notification-event.builder';

const environment = { id: 'env-1', name: 'production', organisationId: 'org-1' };
const tool = (id: string, name: string, server: string) => ({ id, name, server, status: 'BLOCKED' });
const conflict: ConflictSubject = {
  id: 'c-1',
  environment,
  status: 'OPEN',
  severity: 'HIGH',
  score: 0.91,
  findings: [{ stage: 'semantic', type: 'description-overlap', score: 0.91 }, { stage: 'lexical', type: 'similar-name', score: 0.7 }],
  toolA: tool('t-a', 'search_issues', 'github'),
  toolB: tool('t-b', 'search_issues', 'linear'),
  recommendation: { kind: 'RENAME', rationale: 'Prefix the tool with its server.', targetToolName: 'search_issues' },
};

describe('notification events: stable keys, links and what each message carries', () => {
  it('gives the detected and resolved events of a conflict the same dedup key, and links through the public URL', () => {
    const detected = conflictEvent('conflict.detected', conflict, 'https://toolgate.example.com/');
    const resolved = conflictEvent('conflict.resolved', conflict, undefined);
    expect(detected.dedupKey).toBe('conflict:c-1');
    expect(resolved.dedupKey).toBe(detected.dedupKey);
    expect(detected.id).not.toBe(resolved.id);
    expect(detected).toMatchObject({
      severity: 'HIGH',
      conflict: { id: 'c-1', summary: 'semantic: description-overlap (score 0.91)', kind: 'semantic' },
      recommendation: { title: 'rename search_issues', detail: 'Prefix the tool with its server.' },
      links: { details: 'https://toolgate.example.com/v1/conflicts/c-1' },
    });
    expect(resolved.links).toEqual({ details: '/v1/conflicts/c-1' });
  });

  it('offers approve/reject links only while a request is pending, and carries the decision once decided', () => {
    const approval: ApprovalSubject = {
      id: 'a-1', environment, status: 'PENDING', kind: 'CONFLICTS', tool: tool('t-b', 'search_issues', 'linear'), version: 2,
      requester: 'api_key:k-1', decider: null, reason: null, expiresAt: new Date('2026-01-02T00:00:00Z'), severity: 'CRITICAL', conflict, definitionChange: null,
    };
    const requested = approvalEvent('approval.requested', approval, 'https://tg.example');
    expect(requested).toMatchObject({ dedupKey: 'approval:a-1', severity: 'CRITICAL', otherTool: { name: 'search_issues', server: 'github' } });
    expect(requested.links).toEqual({ details: 'https://tg.example/v1/approvals/a-1', approve: 'https://tg.example/v1/approvals/a-1/approve', reject: 'https://tg.example/v1/approvals/a-1/reject' });
    const decided = approvalEvent('approval.decided', { ...approval, status: 'REJECTED', decider: 'user:u-2', reason: 'rename first' }, undefined);
    expect(decided.dedupKey).toBe('approval:a-1');
    expect(decided.approval).toMatchObject({ decision: 'REJECTED', decidedBy: 'user:u-2', reason: 'rename first' });
    expect(decided.links).toEqual({ details: '/v1/approvals/a-1' });
  });

  it('lists which parts of a changed definition differ', () => {
    expect(definitionChanges({ name: 'a', description: 'x', inputSchema: { type: 'object' } }, { name: 'a', description: 'y', inputSchema: { type: 'object' }, annotations: {} })).toEqual(['annotations added', 'description changed']);
    expect(definitionChanges(undefined, { name: 'a' })).toEqual(['name added']);
    expect(definitionChanges({ name: 'a' }, { name: 'a' })).toEqual(['definition changed']);
    const event = toolChangedEvent(
      { environment, tool: { ...tool('t-1', 'get_forecast', 'weather'), status: 'ACTIVE' }, version: { id: 'v-2', version: 2, contentHash: 'bbb', definition: { description: 'new' } }, previous: { id: 'v-1', version: 1, contentHash: 'aaa', definition: { description: 'old' } } },
      undefined,
    );
    expect(event).toMatchObject({ type: 'sync.tool_changed', dedupKey: 'tool-version:v-2', sync: { changes: ['description changed'], previousHash: 'aaa', currentHash: 'bbb' } });
    expect(link('https://x.example///', '/v1/tools/t-1')).toBe('https://x.example/v1/tools/t-1');
  });
});
