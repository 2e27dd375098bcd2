export { PrismaService } from './prisma.service';
