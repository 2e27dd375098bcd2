import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { type NotificationChannelRecord, NotificationChannelRepository, NotificationDeliveryRepository, NotificationSubjectsRepository } from '@toolgate/db';
import type { NotificationEventPayload } from '@toolgate/jobs';
import { type NotificationEvent, RESOLVING_EVENT_TYPES } from '@toolgate/notifications';
import { isAtLeast } from '@toolgate/pipeline';
import { approvalEvent, conflictEvent, runFailedEvent, toolChangedEvent } from './notification-event.builder';
import { NotificationQueue } from './notification-queue';

/** What a closing event closes: it reaches a channel only while that channel has the subject open. */
const OPENING_OF: Record<string, string[]> = {
  'conflict.resolved': ['conflict.detected'],
  'approval.decided': ['approval.requested', 'approval.expiring'],
  'approval.expired': ['approval.requested', 'approval.expiring'],
};
const CLOSING = ['conflict.resolved', 'approval.decided', 'approval.expired'];
/** Events filtered by the channel's minimum severity (their severity is a conflict's). */
const SEVERITY_FILTERED = new Set(['conflict.detected', 'approval.requested', 'approval.expiring']);
/** Resolved conflicts looked at when closing announced ones after a run. */
const RESOLVED_LOOKBACK_MS = 7 * 86_400_000;
/**
 * Conflicts one run announces individually, most severe first: a first scan of a large registry can find
 * thousands, and a channel flooded with them is a channel people mute. The rest stay in the conflict list.
 */
export const RUN_CONFLICT_LIMIT = 100;
/** Announcements an escalation is measured against. */
const ESCALATION_LOOKBACK_MS = 30 * 86_400_000;

export interface FanOutResult {
  queued: number;
  suppressed: number;
  skipped: number;
}

/**
 * One event → one delivery per matching channel of its environment. Reloads the subject (payloads carry ids
 * only) and renders it once; each channel then filters by subscription and minimum severity, closing events
 * go only where the subject is open, the dedup window suppresses repeats, and digest channels batch LOW/MEDIUM.
 */
@Injectable()
export class NotificationFanOutUseCase {
  private readonly logger = new Logger(NotificationFanOutUseCase.name);

  constructor(
    private readonly config: AppConfig,
    private readonly subjects: NotificationSubjectsRepository,
    private readonly channels: NotificationChannelRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly queue: NotificationQueue,
  ) {}

  async run(payload: NotificationEventPayload, now = new Date()): Promise<FanOutResult> {
    const total: FanOutResult = { queued: 0, suppressed: 0, skipped: 0 };
    for (const event of await this.render(payload, now)) {
      const result = await this.dispatch(event, now);
      total.queued += result.queued;
      total.suppressed += result.suppressed;
      total.skipped += result.skipped;
    }
    return total;
  }

  /** The events a payload stands for; none when its subject is gone or no longer in the announced state. */
  private async render(payload: NotificationEventPayload, now: Date): Promise<NotificationEvent[]> {
    const url = this.config.values.TOOLGATE_PUBLIC_URL;
    switch (payload.type) {
      case 'analysis.completed': {
        // New, reopened and escalated conflicts of the run; then announced conflicts the run (or anything since) resolved.
        const events: NotificationEvent[] = [];
        const run = await this.subjects.run(payload.runId);
        if (!run) return [];
        // Nothing to load when no channel listens: a big re-scan in an environment without channels costs two queries.
        const listening = (await this.channels.listEnabled(run.environment.id)).filter((c) => c.events.length === 0 || c.events.includes('conflict.detected') || c.events.includes('conflict.resolved'));
        if (listening.length === 0) return [];
        const detected = await this.subjects.detectedInRun(payload.runId);
        const escalated = await this.subjects.escalatedInRun(payload.runId, run.environment.id, new Date(now.getTime() - ESCALATION_LOOKBACK_MS));
        const lowest = listening.map((c) => c.minSeverity).reduce((a, b) => (isAtLeast(a, b) ? b : a));
        const ranked = await this.subjects.rankConflicts([...new Set([...detected, ...escalated])], lowest, RUN_CONFLICT_LIMIT + 1);
        if (ranked.length > RUN_CONFLICT_LIMIT) {
          this.logger.warn({ runId: payload.runId }, `Run found more than ${RUN_CONFLICT_LIMIT} new conflicts at or above ${lowest}: only the ${RUN_CONFLICT_LIMIT} most severe are announced`);
        }
        for (const id of ranked.slice(0, RUN_CONFLICT_LIMIT)) {
          const conflict = await this.subjects.conflict(id);
          if (conflict) events.push(conflictEvent('conflict.detected', conflict, url));
        }
        for (const id of await this.subjects.announcedNowResolved(run.environment.id, new Date(now.getTime() - RESOLVED_LOOKBACK_MS))) {
          const conflict = await this.subjects.conflict(id);
          if (conflict) events.push(conflictEvent('conflict.resolved', conflict, url));
        }
        return events;
      }
      case 'conflict.detected':
      case 'conflict.resolved': {
        const conflict = await this.subjects.conflict(payload.conflictId);
        if (!conflict) return [];
        const resolved = conflict.status === 'RESOLVED';
        return resolved === (payload.type === 'conflict.resolved') ? [conflictEvent(payload.type, conflict, url)] : [];
      }
      case 'approval.requested':
      case 'approval.expiring':
      case 'approval.decided':
      case 'approval.expired': {
        const approval = await this.subjects.approval(payload.approvalId);
        if (!approval) return [];
        const expected = { 'approval.requested': ['PENDING'], 'approval.expiring': ['PENDING'], 'approval.decided': ['APPROVED', 'REJECTED'], 'approval.expired': ['EXPIRED'] }[payload.type];
        return expected.includes(approval.status) ? [approvalEvent(payload.type, approval, url)] : [];
      }
      case 'sync.tool_changed': {
        const change = await this.subjects.toolChange(payload.toolId, payload.versionId);
        return change ? [toolChangedEvent(change, url)] : [];
      }
      case 'analysis.failed': {
        const run = await this.subjects.run(payload.runId);
        return run && run.status === 'FAILED' ? [runFailedEvent(run, url)] : [];
      }
    }
  }

  private async dispatch(event: NotificationEvent, now: Date): Promise<FanOutResult> {
    const result: FanOutResult = { queued: 0, suppressed: 0, skipped: 0 };
    for (const channel of await this.channels.listEnabled(event.environment.id)) {
      if (!(await this.wants(channel, event))) {
        result.skipped += 1;
        continue;
      }
      const digestKey = this.digestKeyFor(channel, event, now);
      // An expiry warning goes once per request whatever the window; other events once per window.
      const windowStart = event.type === 'approval.expiring' ? null : new Date(now.getTime() - this.config.values.NOTIFY_DEDUP_WINDOW_MS);
      const outcome = await this.deliveries.queueUnlessDuplicate(
        { channelId: channel.id, environmentId: channel.environmentId, eventType: event.type, dedupKey: event.dedupKey, severity: event.severity ?? null, event: event as unknown as Record<string, unknown>, digestKey: digestKey?.key ?? null },
        windowStart,
      );
      if (outcome.outcome === 'duplicate') {
        result.suppressed += 1;
        continue;
      }
      result.queued += 1;
      try {
        if (digestKey) await this.queue.digest(channel.id, digestKey.key, digestKey.sendAt - now.getTime());
        else await this.queue.deliver(outcome.delivery.id);
      } catch (error) {
        // No job behind the row: mark it FAILED (so it neither stays QUEUED forever nor counts as a duplicate)
        // and fail this fan-out, whose retry queues the event again.
        const message = `not queued: ${error instanceof Error ? error.message : String(error)}`;
        await this.deliveries.recordAttempt([outcome.delivery.id], { status: 'FAILED', attempts: 0, error: message, httpStatus: null });
        throw error;
      }
    }
    if (result.queued + result.suppressed > 0) this.logger.log(`${event.type} ${event.dedupKey}: ${result.queued} queued, ${result.suppressed} suppressed as duplicates`);
    return result;
  }

  private async wants(channel: NotificationChannelRecord, event: NotificationEvent): Promise<boolean> {
    const opening = OPENING_OF[event.type] ?? [];
    const subscribed = channel.events.length === 0 || channel.events.includes(event.type) || opening.some((type) => channel.events.includes(type));
    if (!subscribed) return false;
    if (SEVERITY_FILTERED.has(event.type) && event.severity && !isAtLeast(event.severity, channel.minSeverity)) return false;
    if (RESOLVING_EVENT_TYPES.has(event.type)) return this.deliveries.isOpen(channel.id, event.dedupKey, opening, CLOSING);
    return true;
  }

  /** LOW/MEDIUM events of a DIGEST channel wait for the end of the channel's current interval. */
  private digestKeyFor(channel: NotificationChannelRecord, event: NotificationEvent, now: Date): { key: string; sendAt: number } | undefined {
    if (channel.digestMode !== 'DIGEST' || RESOLVING_EVENT_TYPES.has(event.type)) return undefined;
    if (event.severity !== 'LOW' && event.severity !== 'MEDIUM') return undefined;
    const interval = channel.digestIntervalSeconds * 1000;
    const start = Math.floor(now.getTime() / interval) * interval;
    return { key: `${channel.id}-${start}`, sendAt: start + interval };
  }
}
