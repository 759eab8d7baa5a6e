-- CreateTable
CREATE TABLE "LicenseFile" (
    "id" TEXT NOT NULL,
    "licenseId" TEXT NOT NULL,
    "customer" TEXT NOT NULL,
    "namedSeats" INTEGER NOT NULL,
    "concurrentSeats" INTEGER NOT NULL,
    "modules" JSONB NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validUntil" TIMESTAMPTZ(3) NOT NULL,
    "graceDays" INTEGER NOT NULL,
    "keyFingerprint" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "installedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "installedById" TEXT,
    "installedByName" TEXT,

    CONSTRAINT "LicenseFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LicenseFile_installedAt_id_idx" ON "LicenseFile"("installedAt" DESC, "id" DESC);

