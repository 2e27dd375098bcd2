import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './prisma-errors';

/** Organisations (tenants). Until authentication exists the API runs every request as one default organisation. */
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
}
