import { createServer, type Server, type Socket } from 'node:net';
import { PrismaService } from './prisma.service';

describe('PrismaService when the database is unreachable', () => {
  // A TCP server that accepts connections and never answers: a hung database.
  let silent: Server;
  let port: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('starts anyway, and ping() rejects within the connection timeout', async () => {
    const prisma = new PrismaService(`postgresql://postgres@127.0.0.1:${port}/none`, { connectionTimeoutMillis: 300 });
    await prisma.onModuleInit();
    try {
      const started = Date.now();
      await expect(prisma.ping()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await prisma.onModuleDestroy();
    }
  });
});
