-- Least-privilege database roles (docs/security.md#database-roles). The tables keep belonging to
-- the role that runs the migrations (MIGRATION_DATABASE_URL). The portal connects (DATABASE_URL) as
-- a login role that is a member of the NOLOGIN group role disburse_app, which may read and write the
-- tables but only read and append to "AuditLog". Not being an owner or a superuser, it cannot
-- disable, drop or bypass the audit log's triggers (ALTER TABLE, DROP TRIGGER and
-- session_replication_role need one or the other).
--
-- Roles belong to the whole PostgreSQL cluster, so disburse_app_grants() is idempotent: it makes the
-- group role only when it is missing and the migrating user may create roles, and otherwise warns
-- and grants nothing, so the migration never fails for want of CREATEROLE. An operator then creates
-- the role (CREATE ROLE disburse_app NOLOGIN) and runs SELECT disburse_app_grants() as the owner.
-- Function bodies are E-strings with \073 for their semicolons because the migration adapter splits
-- statements on every literal one.
CREATE FUNCTION "disburse_app_grants"() RETURNS text LANGUAGE plpgsql AS E'
DECLARE
  target text := current_schema()\073
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''disburse_app'') THEN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
      RAISE WARNING ''role disburse_app does not exist and % may not create roles: nothing granted. Create it (CREATE ROLE disburse_app NOLOGIN), then run SELECT disburse_app_grants() as %'', current_user, current_user\073
      RETURN ''role disburse_app missing: nothing granted''\073
    END IF\073
    BEGIN
      CREATE ROLE disburse_app NOLOGIN\073
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL\073
    END\073
  END IF\073
  EXECUTE format(''GRANT USAGE ON SCHEMA %I TO disburse_app'', target)\073
  EXECUTE format(''GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO disburse_app'', target)\073
  EXECUTE format(''GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO disburse_app'', target)\073
  REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditLog" FROM disburse_app\073
  IF to_regclass(''_prisma_migrations'') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM disburse_app\073
  END IF\073
  EXECUTE format(''ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO disburse_app'', target)\073
  EXECUTE format(''ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO disburse_app'', target)\073
  RETURN ''granted''\073
END'
;
REVOKE ALL ON FUNCTION "disburse_app_grants"() FROM PUBLIC;
SELECT "disburse_app_grants"();

-- The audit log's time comes from the database: whatever an INSERT supplies for "at" is replaced by
-- the transaction's start time, in UTC like every other timestamp the portal writes, so no role can
-- back-date an entry.
CREATE FUNCTION "audit_log_database_time"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN NEW."at" := now() AT TIME ZONE ''UTC''\073 RETURN NEW\073 END'
;
CREATE TRIGGER "AuditLog_database_time" BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "audit_log_database_time"();
