import { PrismaService } from './prisma.service';

describe('PrismaService', () => {
  it('pings the local database and reports latency in milliseconds', async () => {
    const prisma = new PrismaService(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test');
    await prisma.onModuleInit();
    try {
      const ms = await prisma.ping();
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThan(5000);
    } finally {
      await prisma.onModuleDestroy();
    }
  });
});
