import { startSlackPeer, type SlackPeer } from '@toolgate/testing';
import { ChannelBreakers, type ChannelBreakerState } from './channel-breakers';
import type { NotificationChannel } from './model';
import { conflictDetected, deliverToLocalPeers as deliver } from './spec-fixtures';

describe('per-channel circuit breaker', () => {
  let slack: SlackPeer;
  let breakers: ChannelBreakers;
  let transitions: Array<[string, ChannelBreakerState]>;
  let channel: NotificationChannel;
  let other: NotificationChannel;
  beforeEach(async () => {
    slack = await startSlackPeer();
    transitions = [];
    breakers = new ChannelBreakers({ failureThreshold: 3, resetTimeoutMs: 300, onStateChange: (id, state) => transitions.push([id, state]) });
    channel = { id: 'ch_a', kind: 'slack', settings: {}, secrets: { webhookUrl: slack.url } };
    other = { ...channel, id: 'ch_b' };
  });
  afterEach(async () => {
    breakers.shutdown();
    await slack.close();
  });

  it('opens after 3 consecutive failures, then fails fast without calling the peer', async () => {
    slack.failNext(3, { status: 500 });
    for (let i = 0; i < 3; i += 1) expect((await deliver(channel, conflictDetected(), { breakers })).httpStatus).toBe(500);
    expect(breakers.state('ch_a')).toBe('open');
    expect(breakers.snapshot('ch_a')).toMatchObject({ state: 'open', consecutiveFailures: 3, openedAt: expect.any(String) });

    const fast = await deliver(channel, conflictDetected(), { breakers });
    expect(fast).toMatchObject({ ok: false, retryable: true, errorCode: 'NOTIFICATION.CIRCUIT_OPEN' });
    expect(fast.retryAfterMs).toBeGreaterThan(0);
    expect(fast.retryAfterMs).toBeLessThanOrEqual(300);
    expect(slack.requests).toHaveLength(3);

    // Another channel is not affected.
    expect((await deliver(other, conflictDetected(), { breakers })).ok).toBe(true);
    expect(breakers.state('ch_b')).toBe('closed');
  });

  it('half-opens after the reset timeout; a successful trial closes it', async () => {
    slack.failNext(3, { status: 503 });
    for (let i = 0; i < 3; i += 1) await deliver(channel, conflictDetected(), { breakers });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(breakers.state('ch_a')).toBe('half-open');
    expect((await deliver(channel, conflictDetected(), { breakers })).ok).toBe(true);
    expect(breakers.snapshot('ch_a')).toEqual({ channelId: 'ch_a', state: 'closed', consecutiveFailures: 0 });
    expect(transitions).toEqual([
      ['ch_a', 'open'],
      ['ch_a', 'half-open'],
      ['ch_a', 'closed'],
    ]);
  });

  it('a failed half-open trial opens it again', async () => {
    slack.failNext(4, { status: 500 });
    for (let i = 0; i < 3; i += 1) await deliver(channel, conflictDetected(), { breakers });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await deliver(channel, conflictDetected(), { breakers })).httpStatus).toBe(500);
    expect(breakers.state('ch_a')).toBe('open');
    expect(slack.requests).toHaveLength(4);
  });

  it('a success in between resets the consecutive count', async () => {
    slack.failNext(2, { status: 500 });
    await deliver(channel, conflictDetected(), { breakers });
    await deliver(channel, conflictDetected(), { breakers });
    await deliver(channel, conflictDetected(), { breakers });
    slack.failNext(2, { status: 500 });
    await deliver(channel, conflictDetected(), { breakers });
    await deliver(channel, conflictDetected(), { breakers });
    expect(breakers.snapshot('ch_a')).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
  });

  it('a hanging endpoint costs the timeout only until the circuit opens; then deliveries fail in milliseconds', async () => {
    slack.delayNext(10, 5_000);
    const timings: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const started = Date.now();
      const result = await deliver(channel, conflictDetected(), { breakers, timeoutMs: 150 });
      timings.push(Date.now() - started);
      expect(result.retryable).toBe(true);
      expect(result.errorCode).toBe(i < 3 ? 'NOTIFICATION.TIMEOUT' : 'NOTIFICATION.CIRCUIT_OPEN');
    }
    for (const ms of timings.slice(0, 3)) expect(ms).toBeGreaterThanOrEqual(140);
    // Well under the 150 ms timeout: the open circuit answers without calling the endpoint.
    for (const ms of timings.slice(3)) expect(ms).toBeLessThan(100);
  });
});
