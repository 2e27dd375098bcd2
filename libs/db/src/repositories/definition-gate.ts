import type { Prisma } from '../generated/prisma/client';

/**
 * The rug-pull gate (docs/tool-lifecycle.md#pinning-and-the-rug-pull-gate): a version that a sync gated (it has a
 * DEFINITION_CHANGE approval request) is never made ACTIVE (nor approved) by an analysis, whatever it finds, until a
 * person approved it. The request expiring or being rejected does not lift the gate: only an APPROVED request
 * for the version (of either kind) does. Every analysis write that can set ACTIVE (registration, queued
 * registration, re-scans) goes through this; the run completion's SQL repeats the condition.
 */
export async function gatedStatus<S extends 'ACTIVE' | 'BLOCKED' | 'PENDING_ANALYSIS'>(tx: Prisma.TransactionClient, versionId: string, status: S): Promise<S | 'BLOCKED'> {
  if (status !== 'ACTIVE') return status;
  const requests = await tx.approvalRequest.findMany({ where: { toolVersionId: versionId, OR: [{ kind: 'DEFINITION_CHANGE' }, { status: 'APPROVED' }] }, select: { kind: true, status: true } });
  const gated = requests.some((r) => r.kind === 'DEFINITION_CHANGE') && !requests.some((r) => r.status === 'APPROVED');
  return gated ? 'BLOCKED' : status;
}
