import { Module } from '@nestjs/common';
import { AuditRepository } from '@toolgate/db';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The audit log's read API: listing, chain verification and SIEM export (docs/audit.md). */
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService],
})
export class AuditModule {}
