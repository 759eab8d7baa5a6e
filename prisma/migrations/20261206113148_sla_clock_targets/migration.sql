-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "pausedResolutionDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "pausedResponseDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaAroundTheClock" BOOLEAN,
ADD COLUMN     "slaResolutionMinutes" INTEGER,
ADD COLUMN     "slaResponseMinutes" INTEGER;

-- Data only (nothing for sql-extras.sql): the tickets already open keep the targets in force now.
UPDATE "Ticket" t SET "slaResponseMinutes" = s."responseMinutes", "slaResolutionMinutes" = s."resolutionMinutes",
  "slaAroundTheClock" = s."aroundTheClock"
FROM "SlaTarget" s WHERE s."priority" = t."priority";
