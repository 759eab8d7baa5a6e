-- CreateTable
CREATE TABLE "SeatUsageHour" (
    "scope" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "peak" INTEGER NOT NULL,
    "heldSeconds" DOUBLE PRECISION NOT NULL,
    "idleSeconds" DOUBLE PRECISION NOT NULL,
    "grants" INTEGER NOT NULL,
    "refusals" INTEGER NOT NULL,

    CONSTRAINT "SeatUsageHour_pkey" PRIMARY KEY ("scope","hour")
);

-- CreateTable
CREATE TABLE "SeatUsageRollup" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "rolledUpTo" TIMESTAMPTZ(3),
    "leaseIdSeen" BIGINT NOT NULL DEFAULT 0,
    "eventIdSeen" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeatUsageRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SeatLease_grantedAt_idx" ON "SeatLease"("grantedAt");

-- CreateIndex
CREATE INDEX "SeatLease_userId_grantedAt_idx" ON "SeatLease"("userId", "grantedAt");

-- CreateIndex
CREATE INDEX "SeatQueueEntry_userId_enqueuedAt_idx" ON "SeatQueueEntry"("userId", "enqueuedAt");

