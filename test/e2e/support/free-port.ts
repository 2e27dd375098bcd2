import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago: listen on port 0, read the port, close. Nothing listens
 * on it afterwards, so it also serves as a "closed port" for an unreachable dependency.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
