-- CreateTable
CREATE TABLE "SeatUsageAgentDay" (
    "timeZone" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "userId" TEXT NOT NULL,
    "leases" INTEGER NOT NULL,
    "heldSeconds" DOUBLE PRECISION NOT NULL,
    "activeSeconds" DOUBLE PRECISION NOT NULL,
    "refusals" INTEGER NOT NULL,
    "waitedSeconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SeatUsageAgentDay_pkey" PRIMARY KEY ("timeZone","scope","day","userId")
);

-- CreateTable
CREATE TABLE "SeatUsageAgentMonth" (
    "timeZone" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "userId" TEXT NOT NULL,
    "leases" INTEGER NOT NULL,
    "heldSeconds" DOUBLE PRECISION NOT NULL,
    "activeSeconds" DOUBLE PRECISION NOT NULL,
    "days" INTEGER NOT NULL,
    "refusals" INTEGER NOT NULL,
    "waitedSeconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SeatUsageAgentMonth_pkey" PRIMARY KEY ("timeZone","scope","month","userId")
);

-- CreateTable
CREATE TABLE "SeatUsageAgentRollup" (
    "timeZone" TEXT NOT NULL,
    "rolledUpTo" DATE,
    "leaseIdSeen" BIGINT NOT NULL DEFAULT 0,
    "eventIdSeen" BIGINT NOT NULL DEFAULT 0,
    "longestLeaseSeconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeatUsageAgentRollup_pkey" PRIMARY KEY ("timeZone")
);

