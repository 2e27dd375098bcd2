import { heartbeatStatus, heartbeatTtlMs, workerHeartbeatKey } from './heartbeat';

describe('worker heartbeat staleness', () => {
  const ttl = heartbeatTtlMs(5000);

  it('allows three missed beats before a worker counts as gone', () => {
    expect(ttl).toBe(15000);
  });

  it('reports a worker alive while its last beat is within the TTL', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 10);
    expect(heartbeatStatus(now - 15000, now, ttl)).toEqual({
      alive: true,
      lastHeartbeatAt: '2026-01-01T11:59:55.000Z',
      ageMs: 15000,
    });
  });

  it('reports a worker gone one millisecond past the TTL', () => {
    const now = 1_000_000;
    expect(heartbeatStatus(now - 15001, now, ttl).alive).toBe(false);
  });

  it('reports no worker when none ever beat', () => {
    expect(heartbeatStatus(null, 1_000_000, ttl)).toEqual({ alive: false, lastHeartbeatAt: null, ageMs: null });
  });

  it('treats a beat from a clock slightly ahead as fresh, not negative-aged', () => {
    expect(heartbeatStatus(1_000_500, 1_000_000, ttl)).toMatchObject({ alive: true, ageMs: 0 });
  });

  it('namespaces the key by the Redis prefix so deployments sharing a Redis do not mix', () => {
    expect(workerHeartbeatKey('toolgate')).toBe('toolgate:workers:heartbeat');
    expect(workerHeartbeatKey('e2e-42')).not.toBe(workerHeartbeatKey('e2e-43'));
  });
});
