-- Old rows counted failures under a bare email key, attempts are now kept under prefixed keys.
DELETE FROM "SignInThrottle";

-- AlterTable
ALTER TABLE "SignInThrottle" DROP COLUMN "failures",
DROP COLUMN "firstFailAt",
DROP COLUMN "lockedUntil",
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "AdminAuditEvent" ALTER COLUMN "actorId" DROP NOT NULL;

