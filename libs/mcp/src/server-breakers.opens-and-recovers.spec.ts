import { McpSyncError } from './mcp-sync.errors';
import { SyncBreakerRegistry } from './server-breakers';

const fail = (code: McpSyncError['code']) => () => Promise.reject(new McpSyncError(code, 'x'));

describe('SyncBreakerRegistry', () => {
  let breakers: SyncBreakerRegistry;
  afterEach(() => breakers.shutdown());

  it('opens a server circuit after N consecutive failures, refuses at once with CIRCUIT_OPEN, and leaves other servers alone', async () => {
    breakers = new SyncBreakerRegistry({ failureThreshold: 2, resetTimeoutMs: 60_000 });
    await expect(breakers.run('s1', fail('CONNECT_FAILED'))).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    expect(breakers.state('s1')).toBe('closed');
    await expect(breakers.run('s1', fail('TIMEOUT'))).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(breakers.state('s1')).toBe('open');
    const action = jest.fn(async () => 'listed');
    await expect(breakers.run('s1', action)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', details: { serverId: 's1', consecutiveFailures: 2 } });
    expect(action).not.toHaveBeenCalled();
    await expect(breakers.run('s2', action)).resolves.toBe('listed');
    expect(breakers.snapshot()).toEqual([
      { serverId: 's1', state: 'open', consecutiveFailures: 2 },
      { serverId: 's2', state: 'closed', consecutiveFailures: 0 },
    ]);
  });

  it('lets one trial through after the reset timeout and closes on success', async () => {
    breakers = new SyncBreakerRegistry({ failureThreshold: 1, resetTimeoutMs: 200 });
    await expect(breakers.run('s1', fail('CONNECTION_CLOSED'))).rejects.toBeInstanceOf(McpSyncError);
    expect(breakers.state('s1')).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(breakers.state('s1')).toBe('half-open');
    await expect(breakers.run('s1', async () => 'ok')).resolves.toBe('ok');
    expect(breakers.state('s1')).toBe('closed');
  });

  it('does not count a refused URL (a configuration problem, not a dead server)', async () => {
    breakers = new SyncBreakerRegistry({ failureThreshold: 1 });
    await expect(breakers.run('s1', fail('URL_NOT_ALLOWED'))).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
    expect(breakers.state('s1')).toBe('closed');
  });
});
