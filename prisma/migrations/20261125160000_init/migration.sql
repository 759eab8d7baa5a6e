-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('END_USER', 'AGENT', 'ADMIN');

-- CreateEnum
CREATE TYPE "SeatKind" AS ENUM ('NAMED', 'CONCURRENT');

-- CreateEnum
CREATE TYPE "LeaseEndReason" AS ENUM ('SIGN_OUT', 'CLOSED', 'IDLE', 'ADMIN', 'LICENSE_REMOVED', 'ACCOUNT_DISABLED', 'POOL_DELETED');

-- CreateEnum
CREATE TYPE "QueueOutcome" AS ENUM ('GRANTED', 'LEFT', 'RESERVATION_EXPIRED', 'REMOVED');

-- CreateEnum
CREATE TYPE "SeatEventType" AS ENUM ('GRANTED', 'REFUSED', 'RELEASED', 'QUEUED', 'LEFT_QUEUE', 'RESERVED', 'RESERVATION_EXPIRED', 'NUDGE', 'ADMIN_ACTION');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'END_USER',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT NOT NULL,
    "externalId" TEXT,
    "jobCode" TEXT,
    "department" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,
    "userAgent" TEXT,
    "ipAddress" TEXT,
    "seatRequestedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Entitlement" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "namedSeats" INTEGER NOT NULL DEFAULT 0,
    "concurrentSeats" INTEGER NOT NULL DEFAULT 0,
    "namedIdleTimeoutSeconds" INTEGER NOT NULL DEFAULT 1800,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Entitlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeatPool" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "idleTimeoutSeconds" INTEGER NOT NULL DEFAULT 1800,
    "groupId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SeatPool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeatAssignment" (
    "userId" TEXT NOT NULL,
    "kind" "SeatKind" NOT NULL,
    "poolId" TEXT,
    "assignedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeatAssignment_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "SeatLease" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "SeatKind" NOT NULL,
    "poolId" TEXT,
    "authSessionId" TEXT,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivityAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastPresenceAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" "LeaseEndReason",
    "endNote" TEXT,
    "endedById" TEXT,

    CONSTRAINT "SeatLease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeatQueueEntry" (
    "id" BIGSERIAL NOT NULL,
    "poolId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "enqueuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastPresenceAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reservedAt" TIMESTAMPTZ(3),
    "reservedUntil" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "outcome" "QueueOutcome",

    CONSTRAINT "SeatQueueEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeatEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" "SeatEventType" NOT NULL,
    "userId" TEXT,
    "userName" TEXT,
    "actorId" TEXT,
    "kind" "SeatKind",
    "poolId" TEXT,
    "poolName" TEXT,
    "leaseId" BIGINT,
    "reason" TEXT,
    "requestId" TEXT,
    "details" JSONB,

    CONSTRAINT "SeatEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_externalId_key" ON "User"("externalId");

-- CreateIndex
CREATE INDEX "User_role_active_idx" ON "User"("role", "active");

-- CreateIndex
CREATE UNIQUE INDEX "Group_name_key" ON "Group"("name");

-- CreateIndex
CREATE INDEX "GroupMember_userId_idx" ON "GroupMember"("userId");

-- CreateIndex
CREATE INDEX "AuthSession_userId_endedAt_idx" ON "AuthSession"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "SeatAssignment_poolId_idx" ON "SeatAssignment"("poolId");

-- CreateIndex
CREATE INDEX "SeatAssignment_kind_idx" ON "SeatAssignment"("kind");

-- CreateIndex
CREATE INDEX "SeatLease_poolId_endedAt_idx" ON "SeatLease"("poolId", "endedAt");

-- CreateIndex
CREATE INDEX "SeatLease_userId_endedAt_idx" ON "SeatLease"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "SeatLease_endedAt_kind_idx" ON "SeatLease"("endedAt", "kind");

-- CreateIndex
CREATE INDEX "SeatQueueEntry_poolId_endedAt_enqueuedAt_idx" ON "SeatQueueEntry"("poolId", "endedAt", "enqueuedAt");

-- CreateIndex
CREATE INDEX "SeatEvent_at_idx" ON "SeatEvent"("at");

-- CreateIndex
CREATE INDEX "SeatEvent_poolId_at_idx" ON "SeatEvent"("poolId", "at");

-- CreateIndex
CREATE INDEX "SeatEvent_userId_at_idx" ON "SeatEvent"("userId", "at");

-- CreateIndex
CREATE INDEX "SeatEvent_type_at_idx" ON "SeatEvent"("type", "at");

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeatPool" ADD CONSTRAINT "SeatPool_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeatAssignment" ADD CONSTRAINT "SeatAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeatAssignment" ADD CONSTRAINT "SeatAssignment_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "SeatPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeatLease" ADD CONSTRAINT "SeatLease_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeatLease" ADD CONSTRAINT "SeatLease_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "SeatPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeatQueueEntry" ADD CONSTRAINT "SeatQueueEntry_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "SeatPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeatQueueEntry" ADD CONSTRAINT "SeatQueueEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (see prisma/sql-extras.sql)
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
