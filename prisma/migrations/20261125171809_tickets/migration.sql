-- CreateEnum
CREATE TYPE "TicketType" AS ENUM ('INCIDENT', 'REQUEST', 'PROBLEM', 'CHANGE', 'JOB');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('P1', 'P2', 'P3', 'P4');

-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriorityMatrix" (
    "impact" INTEGER NOT NULL,
    "urgency" INTEGER NOT NULL,
    "priority" "Priority" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriorityMatrix_pkey" PRIMARY KEY ("impact","urgency")
);

-- CreateTable
CREATE TABLE "TicketSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "autoCloseDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
    "type" "TicketType" NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "requesterId" TEXT NOT NULL,
    "categoryId" TEXT,
    "groupId" TEXT,
    "assigneeId" TEXT,
    "impact" INTEGER NOT NULL,
    "urgency" INTEGER NOT NULL,
    "priority" "Priority" NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'NEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstRespondedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "pendingSince" TIMESTAMPTZ(3),
    "pausedSeconds" INTEGER NOT NULL DEFAULT 0,
    "search" tsvector,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketComment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketHistory" (
    "id" BIGSERIAL NOT NULL,
    "ticketId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "fromValue" TEXT,
    "toValue" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketLink" (
    "id" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE INDEX "Ticket_number_idx" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_updatedAt_id_idx" ON "Ticket"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_status_updatedAt_id_idx" ON "Ticket"("status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_groupId_status_updatedAt_id_idx" ON "Ticket"("groupId", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_updatedAt_id_idx" ON "Ticket"("assigneeId", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_requesterId_updatedAt_id_idx" ON "Ticket"("requesterId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_categoryId_idx" ON "Ticket"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_type_number_key" ON "Ticket"("type", "number");

-- CreateIndex
CREATE INDEX "TicketComment_ticketId_createdAt_idx" ON "TicketComment"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketHistory_ticketId_version_idx" ON "TicketHistory"("ticketId", "version");

-- CreateIndex
CREATE INDEX "TicketHistory_ticketId_at_idx" ON "TicketHistory"("ticketId", "at");

-- CreateIndex
CREATE INDEX "TicketLink_toId_idx" ON "TicketLink"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "TicketLink_fromId_toId_key" ON "TicketLink"("fromId", "toId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketComment" ADD CONSTRAINT "TicketComment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketComment" ADD CONSTRAINT "TicketComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketHistory" ADD CONSTRAINT "TicketHistory_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketHistory" ADD CONSTRAINT "TicketHistory_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketLink" ADD CONSTRAINT "TicketLink_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketLink" ADD CONSTRAINT "TicketLink_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketLink" ADD CONSTRAINT "TicketLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (also in prisma/sql-extras.sql).

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
