-- AlterTable
ALTER TABLE "UserIdentity" ADD COLUMN     "oidcSubject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "UserIdentity_oidcSubject_key" ON "UserIdentity"("oidcSubject");

