import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './prisma-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Organisations (tenants). */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The id of the organisation with `slug`, created on first use. Safe under concurrent first calls. */
  async ensure(slug: string, name: string): Promise<string> {
    const existing = await this.prisma.organisation.findUnique({ where: { slug }, select: { id: true } });
    if (existing) return existing.id;
    try {
      return (await this.prisma.organisation.create({ data: { slug, name }, select: { id: true } })).id;
    } catch (error) {
      // Another request created it between our read and write: read the winner's row.
      if (!isUniqueViolation(error)) throw error;
      return (await this.prisma.organisation.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
    }
  }

  /** The id of the organisation whose id or slug is `ref` (an external JWT's organisation claim). */
  async findId(ref: string): Promise<string | undefined> {
    const where = UUID.test(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref };
    return (await this.prisma.organisation.findFirst({ where, select: { id: true } }))?.id;
  }
}
