import type { ApprovalSubject, ConflictSubject, FailedRunSubject, SubjectEnvironment, SubjectTool, ToolChangeSubject } from '@toolgate/db';
import { dedupKeyFor, type NotificationConflict, type NotificationEvent, type NotificationEventType, type NotificationToolRef } from '@toolgate/notifications';
import { randomUUID } from 'node:crypto';

// Subject rows → the self-contained NotificationEvent the channel formatters render (no ids to resolve later).

const env = (e: SubjectEnvironment) => ({ id: e.id, name: e.name });
const tool = (t: SubjectTool): NotificationToolRef => ({ id: t.id, name: t.name, server: t.server, status: t.status });

function base(type: NotificationEventType, environment: SubjectEnvironment, dedupKey: string): Pick<NotificationEvent, 'type' | 'id' | 'environment' | 'occurredAt' | 'dedupKey'> {
  return { type, id: randomUUID(), environment: env(environment), occurredAt: new Date().toISOString(), dedupKey };
}

/** `base` + `path`, or the path alone when no public URL is configured. */
export function link(publicUrl: string | undefined, path: string): string {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;
}

function conflictOf(c: ConflictSubject): NotificationConflict {
  const top = [...c.findings].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  const summary = top ? `${top.stage ?? 'analysis'}: ${top.type ?? 'overlap'} (score ${(top.score ?? c.score).toFixed(2)})` : `score ${c.score.toFixed(2)}`;
  return { id: c.id, severity: c.severity, summary, kind: top?.stage, score: c.score };
}

export function conflictEvent(type: 'conflict.detected' | 'conflict.resolved', c: ConflictSubject, publicUrl: string | undefined): NotificationEvent {
  return {
    ...base(type, c.environment, dedupKeyFor({ conflictId: c.id })),
    severity: c.severity,
    title: type === 'conflict.detected' ? `${c.severity} conflict: ${c.toolA.name} ↔ ${c.toolB.name}` : `Conflict resolved: ${c.toolA.name} ↔ ${c.toolB.name}`,
    tool: tool(c.toolA),
    otherTool: tool(c.toolB),
    conflict: conflictOf(c),
    ...(c.recommendation ? { recommendation: { title: `${c.recommendation.kind.toLowerCase()} ${c.recommendation.targetToolName}`, detail: c.recommendation.rationale } } : {}),
    links: { details: link(publicUrl, `/v1/conflicts/${c.id}`) },
  };
}

const APPROVAL_TITLE: Record<'approval.requested' | 'approval.expiring' | 'approval.decided' | 'approval.expired', string> = {
  'approval.requested': 'Approval requested',
  'approval.expiring': 'Approval request about to expire',
  'approval.decided': 'Approval request decided',
  'approval.expired': 'Approval request expired',
};

export function approvalEvent(type: keyof typeof APPROVAL_TITLE, a: ApprovalSubject, publicUrl: string | undefined): NotificationEvent {
  const decided = a.status === 'APPROVED' || a.status === 'REJECTED';
  const other = a.conflict ? (a.conflict.toolA.id === a.tool.id ? a.conflict.toolB : a.conflict.toolA) : undefined;
  return {
    ...base(type, a.environment, dedupKeyFor({ approvalRequestId: a.id })),
    ...(a.severity ? { severity: a.severity } : {}),
    title: `${APPROVAL_TITLE[type]}: ${a.tool.name} v${a.version}${decided ? ` (${a.status})` : ''}`,
    tool: tool(a.tool),
    ...(other ? { otherTool: tool(other) } : {}),
    ...(a.conflict ? { conflict: conflictOf(a.conflict) } : {}),
    ...(a.conflict?.recommendation ? { recommendation: { title: `${a.conflict.recommendation.kind.toLowerCase()} ${a.conflict.recommendation.targetToolName}`, detail: a.conflict.recommendation.rationale } } : {}),
    approval: {
      requestId: a.id,
      expiresAt: a.expiresAt.toISOString(),
      requestedBy: a.requester,
      ...(decided ? { decision: a.status as 'APPROVED' | 'REJECTED', ...(a.decider ? { decidedBy: a.decider } : {}), ...(a.reason ? { reason: a.reason } : {}) } : {}),
    },
    links: {
      details: link(publicUrl, `/v1/approvals/${a.id}`),
      ...(a.status === 'PENDING' ? { approve: link(publicUrl, `/v1/approvals/${a.id}/approve`), reject: link(publicUrl, `/v1/approvals/${a.id}/reject`) } : {}),
    },
  };
}

/** One line per changed top-level field of the definition (description, inputSchema, ...). */
export function definitionChanges(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    if (!(key in a)) lines.push(`${key} added`);
    else if (!(key in b)) lines.push(`${key} removed`);
    else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) lines.push(`${key} changed`);
  }
  return lines.length > 0 ? lines : ['definition changed'];
}

export function toolChangedEvent(s: ToolChangeSubject, publicUrl: string | undefined): NotificationEvent {
  return {
    ...base('sync.tool_changed', s.environment, dedupKeyFor({ key: `tool-version:${s.version.id}` })),
    severity: 'HIGH',
    title: `Definition of ACTIVE tool ${s.tool.name} changed (v${s.version.version})`,
    tool: tool(s.tool),
    sync: { changes: definitionChanges(s.previous?.definition, s.version.definition), ...(s.previous ? { previousHash: s.previous.contentHash } : {}), currentHash: s.version.contentHash },
    links: { details: link(publicUrl, `/v1/tools/${s.tool.id}`) },
  };
}

export function runFailedEvent(r: FailedRunSubject, publicUrl: string | undefined): NotificationEvent {
  return {
    ...base('analysis.failed', r.environment, dedupKeyFor({ key: `analysis-run:${r.id}` })),
    severity: 'HIGH',
    title: `Analysis run failed in ${r.environment.name} (${r.trigger.toLowerCase()})`,
    run: { runId: r.id, error: (r.error ?? 'unknown error').slice(0, 500) },
    links: { details: link(publicUrl, `/v1/analysis-runs/${r.id}`) },
  };
}
