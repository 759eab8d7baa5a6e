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
