-- CreateEnum
CREATE TYPE "PremiumModule" AS ENUM ('change', 'problem');

-- CreateTable
CREATE TABLE "ModuleLicense" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "module" "PremiumModule" NOT NULL,
    "assignedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedById" TEXT,
    "reason" TEXT,
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ModuleLicense_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModuleLicense_module_assignedAt_idx" ON "ModuleLicense"("module", "assignedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ModuleLicense_userId_module_key" ON "ModuleLicense"("userId", "module");

