-- CreateTable
CREATE TABLE "SettingsVersion" (
    "name" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "SettingsVersion_pkey" PRIMARY KEY ("name")
);


-- Settings that app instances cache carry a version (migration 20261206172809): every change to
-- them adds one in the changing transaction, and a statement that used a cached copy checks the
-- version it was read with (settings_version_is raises SDV01 when it differs), so an edit on any
-- instance applies to the very next statement. "ticket-creation": the priority matrix, the SLA
-- targets and the Service Desk group (server/tickets/creation-settings.ts).
CREATE FUNCTION settings_version_bump() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN INSERT INTO "SettingsVersion" ("name", "version") VALUES (TG_ARGV[0], 1) ON CONFLICT ("name") DO UPDATE SET "version" = "SettingsVersion"."version" + 1\073 RETURN NULL\073 END\073';
CREATE FUNCTION settings_version_is(setting text, expected bigint) RETURNS boolean LANGUAGE plpgsql
  AS E'BEGIN IF (SELECT "version" FROM "SettingsVersion" WHERE "name" = setting) IS DISTINCT FROM expected THEN RAISE EXCEPTION ''the % settings changed since this copy was read'', setting USING ERRCODE = ''SDV01''\073 END IF\073 RETURN true\073 END\073';
CREATE TRIGGER "PriorityMatrix_settings_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PriorityMatrix"
  FOR EACH STATEMENT EXECUTE FUNCTION settings_version_bump('ticket-creation');
CREATE TRIGGER "SlaTarget_settings_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SlaTarget"
  FOR EACH STATEMENT EXECUTE FUNCTION settings_version_bump('ticket-creation');
-- Of the groups, only the Service Desk (found by name: server/tickets/assignment.ts, SERVICE_DESK).
CREATE TRIGGER "Group_service_desk_added" AFTER INSERT ON "Group"
  FOR EACH ROW WHEN (lower(NEW."name") = 'service desk') EXECUTE FUNCTION settings_version_bump('ticket-creation');
CREATE TRIGGER "Group_service_desk_removed" AFTER DELETE ON "Group"
  FOR EACH ROW WHEN (lower(OLD."name") = 'service desk') EXECUTE FUNCTION settings_version_bump('ticket-creation');
CREATE TRIGGER "Group_service_desk_renamed" AFTER UPDATE OF "name" ON "Group"
  FOR EACH ROW WHEN (lower(OLD."name") = 'service desk' OR lower(NEW."name") = 'service desk')
  EXECUTE FUNCTION settings_version_bump('ticket-creation');
CREATE TRIGGER "Group_truncated_settings_version" AFTER TRUNCATE ON "Group"
  FOR EACH STATEMENT EXECUTE FUNCTION settings_version_bump('ticket-creation');

INSERT INTO "SettingsVersion" ("name") VALUES ('ticket-creation');
