-- What prisma/schema.prisma cannot express. Each statement also stands in the migration that
-- introduced it, and the drift test applies this file on top of the schema and compares.

-- A person never holds two open leases, nor waits twice in line (licensing invariant 2).
CREATE UNIQUE INDEX "SeatLease_one_open_per_user" ON "SeatLease"("userId") WHERE "endedAt" IS NULL;
CREATE UNIQUE INDEX "SeatQueueEntry_one_open_per_user" ON "SeatQueueEntry"("userId") WHERE "endedAt" IS NULL;

-- Pool names are unique, ignoring case, among pools that are not deleted.
CREATE UNIQUE INDEX "SeatPool_name_live_key" ON "SeatPool"(lower("name")) WHERE "deletedAt" IS NULL;

-- The shapes the code relies on, checked by the database too.
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_singleton" CHECK ("id" = 1);
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_non_negative" CHECK ("namedSeats" >= 0 AND "concurrentSeats" >= 0 AND "namedIdleTimeoutSeconds" > 0);
ALTER TABLE "SeatPool" ADD CONSTRAINT "SeatPool_size_positive" CHECK ("size" > 0 AND "idleTimeoutSeconds" > 0);
ALTER TABLE "SeatAssignment" ADD CONSTRAINT "SeatAssignment_kind_pool" CHECK (("kind" = 'NAMED') = ("poolId" IS NULL));
ALTER TABLE "SeatLease" ADD CONSTRAINT "SeatLease_kind_pool" CHECK (("kind" = 'NAMED') = ("poolId" IS NULL));
ALTER TABLE "User" ADD CONSTRAINT "User_email_lower" CHECK ("email" = lower("email"));

-- Seat events are an audit trail, so the application may only append (licensing invariant 5).
-- The body is an E'' string with \073 for each semicolon: Prisma's driver-adapter migration
-- runner splits scripts at every semicolon, dollar quotes included.
CREATE FUNCTION seat_event_append_only() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''SeatEvent is append-only: % is not allowed'', TG_OP\073 END\073';
CREATE TRIGGER "SeatEvent_append_only" BEFORE UPDATE OR DELETE ON "SeatEvent"
  FOR EACH ROW EXECUTE FUNCTION seat_event_append_only();

-- Group names are unique ignoring case (migration 20261125171500).
CREATE UNIQUE INDEX "Group_name_lower_key" ON "Group"(lower("name"));

-- Tickets (migration 20261125171809_tickets).

-- Ticket numbers: one series per type, taken with nextval inside the insert (create-ticket.ts).
CREATE SEQUENCE "ticket_number_incident";
CREATE SEQUENCE "ticket_number_request";
CREATE SEQUENCE "ticket_number_problem";
CREATE SEQUENCE "ticket_number_change";
CREATE SEQUENCE "ticket_number_job";

-- Full-text search over the shown number (INC-000123), the title (weight A) and the description.
-- Prisma declares the column as Unsupported("tsvector"), so it is replaced by the generated one.
ALTER TABLE "Ticket" DROP COLUMN "search";
ALTER TABLE "Ticket" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig,
    (CASE "type" WHEN 'INCIDENT' THEN 'INC' WHEN 'REQUEST' THEN 'REQ' WHEN 'PROBLEM' THEN 'PRB' WHEN 'CHANGE' THEN 'CHG' ELSE 'JOB' END)
    || '-' || lpad("number"::text, greatest(6, length("number"::text)), '0') || ' ' || "title"), 'A')
  || setweight(to_tsvector('english'::regconfig, "description"), 'B')
) STORED;
CREATE INDEX "Ticket_search_idx" ON "Ticket" USING GIN ("search");

-- The shapes the ticket code relies on.
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_impact_urgency_range" CHECK ("impact" BETWEEN 1 AND 3 AND "urgency" BETWEEN 1 AND 3);
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_counters_valid" CHECK ("number" > 0 AND "version" >= 1 AND "pausedSeconds" >= 0);
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_title_length" CHECK (char_length("title") BETWEEN 1 AND 200);
ALTER TABLE "PriorityMatrix" ADD CONSTRAINT "PriorityMatrix_range" CHECK ("impact" BETWEEN 1 AND 3 AND "urgency" BETWEEN 1 AND 3);
ALTER TABLE "TicketSettings" ADD CONSTRAINT "TicketSettings_singleton" CHECK ("id" = 1);
ALTER TABLE "TicketSettings" ADD CONSTRAINT "TicketSettings_auto_close_positive" CHECK ("autoCloseDays" >= 1);
ALTER TABLE "TicketLink" ADD CONSTRAINT "TicketLink_not_self" CHECK ("fromId" <> "toId");

-- The ITIL defaults (impact and urgency 1 = high, 3 = low) and the settings row.
INSERT INTO "PriorityMatrix" ("impact", "urgency", "priority") VALUES
  (1, 1, 'P1'), (1, 2, 'P2'), (1, 3, 'P3'),
  (2, 1, 'P2'), (2, 2, 'P3'), (2, 3, 'P4'),
  (3, 1, 'P3'), (3, 2, 'P4'), (3, 3, 'P4');
INSERT INTO "TicketSettings" ("id") VALUES (1);

-- TRUNCATE skips row triggers (migration 20261125174500).
CREATE TRIGGER "SeatEvent_no_truncate" BEFORE TRUNCATE ON "SeatEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION seat_event_append_only();

-- Service levels and attachments (migration 20261125183809): ranges the app relies on
ALTER TABLE "BusinessHours" ADD CONSTRAINT "BusinessHours_range" CHECK ("weekday" BETWEEN 1 AND 7 AND "openMinute" >= 0 AND "closeMinute" <= 1440 AND "openMinute" < "closeMinute");
ALTER TABLE "SlaTarget" ADD CONSTRAINT "SlaTarget_positive" CHECK ("responseMinutes" > 0 AND "resolutionMinutes" >= "responseMinutes");
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_size" CHECK ("sizeBytes" >= 0);

-- Default service levels: P1 around the clock, the others in business hours (Monday to Friday, 08:00 to 18:00)
INSERT INTO "SlaTarget" ("priority", "responseMinutes", "resolutionMinutes", "aroundTheClock") VALUES
  ('P1', 15, 240, true),
  ('P2', 60, 480, false),
  ('P3', 240, 1800, false),
  ('P4', 480, 3000, false);
INSERT INTO "BusinessHours" ("weekday", "openMinute", "closeMinute") VALUES
  (1, 480, 1080), (2, 480, 1080), (3, 480, 1080), (4, 480, 1080), (5, 480, 1080);

-- Knowledge base (migration 20261126022945_knowledge_base).

-- Full-text search over the title (weight A) and the body (weight B), as for tickets.
ALTER TABLE "KnowledgeArticle" DROP COLUMN "search";
ALTER TABLE "KnowledgeArticle" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, "title"), 'A') || setweight(to_tsvector('english'::regconfig, "body"), 'B')
) STORED;
CREATE INDEX "KnowledgeArticle_search_idx" ON "KnowledgeArticle" USING GIN ("search");
ALTER TABLE "KnowledgeArticle" ADD CONSTRAINT "KnowledgeArticle_shape" CHECK (char_length("title") BETWEEN 1 AND 200 AND "version" >= 1 AND ("status" = 'DRAFT' OR "publishedAt" IS NOT NULL));

-- The administrators' audit log (migration admin_audit): append-only, like the seat events.
CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''AdminAuditEvent is append-only: % is not allowed'', TG_OP\073 END\073';
CREATE TRIGGER "AdminAuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AdminAuditEvent"
  FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only();

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
