-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'REPORT_VIEWER';

-- DropForeignKey
ALTER TABLE "TicketHistory" DROP CONSTRAINT "TicketHistory_actorId_fkey";

-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN     "concurrentSeatMonthlyCents" INTEGER NOT NULL DEFAULT 12500,
ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'EUR',
ADD COLUMN     "namedSeatMonthlyCents" INTEGER NOT NULL DEFAULT 5000;

-- AlterTable
ALTER TABLE "TicketSettings" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "resolutionDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "responseDueAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "TicketHistory" ALTER COLUMN "actorId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "SlaTarget" (
    "priority" "Priority" NOT NULL,
    "responseMinutes" INTEGER NOT NULL,
    "resolutionMinutes" INTEGER NOT NULL,
    "aroundTheClock" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaTarget_pkey" PRIMARY KEY ("priority")
);

-- CreateTable
CREATE TABLE "BusinessHours" (
    "weekday" INTEGER NOT NULL,
    "openMinute" INTEGER NOT NULL,
    "closeMinute" INTEGER NOT NULL,

    CONSTRAINT "BusinessHours_pkey" PRIMARY KEY ("weekday")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "TicketAttachment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "commentId" TEXT,
    "uploaderId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TicketAttachment_storageKey_key" ON "TicketAttachment"("storageKey");

-- CreateIndex
CREATE INDEX "TicketAttachment_ticketId_createdAt_idx" ON "TicketAttachment"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketAttachment_commentId_idx" ON "TicketAttachment"("commentId");

-- CreateIndex
CREATE INDEX "Ticket_status_resolutionDueAt_idx" ON "Ticket"("status", "resolutionDueAt");

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "TicketComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketHistory" ADD CONSTRAINT "TicketHistory_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written (also in prisma/sql-extras.sql): ranges the app relies on
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
