-- CreateEnum
CREATE TYPE "RuleLicense" AS ENUM ('NAMED', 'CONCURRENT', 'NONE');

-- CreateTable
CREATE TABLE "LicenseRule" (
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "jobCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "departments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "employeeTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "role" "Role" NOT NULL,
    "license" "RuleLicense" NOT NULL DEFAULT 'NONE',
    "poolId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LicenseRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserIdentity" (
    "userId" TEXT NOT NULL,
    "employeeNumber" TEXT,
    "employeeType" TEXT,
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "managerExternalId" TEXT,
    "ruleId" TEXT,
    "ruleName" TEXT,
    "pinnedAt" TIMESTAMPTZ(3),
    "pinnedById" TEXT,
    "pinnedByName" TEXT,
    "pinReason" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserIdentity_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "LicenseRule_position_key" ON "LicenseRule"("position");

-- CreateIndex
CREATE INDEX "UserIdentity_pinnedAt_idx" ON "UserIdentity"("pinnedAt");

-- AddForeignKey
ALTER TABLE "UserIdentity" ADD CONSTRAINT "UserIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

