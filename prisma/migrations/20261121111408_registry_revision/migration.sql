-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "registryResetRevision" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "registryRevision" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "registryRevision" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Tool_environmentId_registryRevision_idx" ON "Tool"("environmentId", "registryRevision");


-- Hand-written (invisible to Prisma's diff): the registry revision is kept by triggers, so every path that
-- writes tools (registration, analysis, approvals, sync, deletes) bumps it in its own transaction.
-- Bumping updates the environment row, which also orders concurrent tool writes of one environment:
-- a writer holds the row until it commits, so revisions become visible in order and "tools with a
-- revision above X" never misses a later-committing write.
CREATE FUNCTION tool_registry_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        -- A deleted row cannot be listed as a change: readers behind this revision reload everything.
        UPDATE "Environment" SET "registryRevision" = "registryRevision" + 1, "registryResetRevision" = "registryRevision" + 1
            WHERE "id" = OLD."environmentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE'
        AND NEW."status" = OLD."status"
        AND NEW."currentVersionId" IS NOT DISTINCT FROM OLD."currentVersionId"
        AND NEW."deletedAt" IS NOT DISTINCT FROM OLD."deletedAt"
        AND NEW."name" = OLD."name"
        AND NEW."serverId" = OLD."serverId"
        AND NEW."environmentId" = OLD."environmentId" THEN
        RETURN NEW; -- nothing the registry's index depends on changed
    END IF;
    UPDATE "Environment" SET "registryRevision" = "registryRevision" + 1
        WHERE "id" = NEW."environmentId"
        RETURNING "registryRevision" INTO NEW."registryRevision";
    RETURN NEW;
END;
$$;

CREATE TRIGGER "Tool_registry_revision" BEFORE INSERT OR UPDATE ON "Tool"
    FOR EACH ROW EXECUTE FUNCTION tool_registry_revision();

CREATE TRIGGER "Tool_registry_revision_delete" AFTER DELETE ON "Tool"
    FOR EACH ROW EXECUTE FUNCTION tool_registry_revision();

-- A renamed server renames its tools' keys without touching their rows: readers reload.
CREATE FUNCTION server_registry_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "Environment" SET "registryRevision" = "registryRevision" + 1, "registryResetRevision" = "registryRevision" + 1
        WHERE "id" = NEW."environmentId";
    RETURN NEW;
END;
$$;

CREATE TRIGGER "McpServer_registry_revision" AFTER UPDATE OF "name" ON "McpServer"
    FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION server_registry_revision();
