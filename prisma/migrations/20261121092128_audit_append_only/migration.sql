-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "actorDisplay" TEXT;


-- The audit log is append-only (docs/audit.md): rows can be inserted, never changed or removed.
-- Hand-written, invisible to Prisma's diff. Testing a tampered row needs a superuser to
-- `ALTER TABLE "AuditEntry" DISABLE TRIGGER ...` first, which is the point.
CREATE FUNCTION audit_entry_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditEntry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'Audit entries can only be inserted (docs/audit.md).';
END;
$$;

CREATE TRIGGER "AuditEntry_reject_update" BEFORE UPDATE ON "AuditEntry"
    FOR EACH ROW EXECUTE FUNCTION audit_entry_reject_change();

CREATE TRIGGER "AuditEntry_reject_delete" BEFORE DELETE ON "AuditEntry"
    FOR EACH ROW EXECUTE FUNCTION audit_entry_reject_change();

CREATE TRIGGER "AuditEntry_reject_truncate" BEFORE TRUNCATE ON "AuditEntry"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_reject_change();
