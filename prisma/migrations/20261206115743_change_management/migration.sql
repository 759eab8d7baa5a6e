-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('STANDARD', 'NORMAL', 'EMERGENCY');

-- CreateEnum
CREATE TYPE "ChangeState" AS ENUM ('DRAFT', 'ASSESSMENT', 'AWAITING_APPROVAL', 'SCHEDULED', 'IMPLEMENTING', 'REVIEW', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ApprovalMode" AS ENUM ('ANY', 'ALL', 'STEPS');

-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "ChangeRecord" (
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "ChangeKind" NOT NULL DEFAULT 'NORMAL',
    "state" "ChangeState" NOT NULL DEFAULT 'DRAFT',
    "risk" INTEGER NOT NULL DEFAULT 2,
    "plannedStart" TIMESTAMPTZ(3),
    "plannedEnd" TIMESTAMPTZ(3),
    "implementationPlan" TEXT NOT NULL DEFAULT '',
    "backoutPlan" TEXT NOT NULL DEFAULT '',
    "testPlan" TEXT NOT NULL DEFAULT '',
    "approvalRound" INTEGER NOT NULL DEFAULT 0,
    "approvalMode" "ApprovalMode",
    "approvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ChangeRecord_pkey" PRIMARY KEY ("ticketId")
);

-- CreateTable
CREATE TABLE "ChangeApprovalPolicy" (
    "kind" "ChangeKind" NOT NULL,
    "mode" "ApprovalMode" NOT NULL DEFAULT 'ANY',
    "approverIds" TEXT[],
    "groupId" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChangeApprovalPolicy_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "ChangeApproval" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "step" INTEGER NOT NULL DEFAULT 0,
    "approverId" TEXT,
    "groupId" TEXT,
    "state" "ApprovalState" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "comment" TEXT,
    "afterTheFact" BOOLEAN NOT NULL DEFAULT false,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeBlackout" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" TEXT,

    CONSTRAINT "ChangeBlackout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeRecord_state_plannedStart_idx" ON "ChangeRecord"("state", "plannedStart");

-- CreateIndex
CREATE INDEX "ChangeRecord_plannedStart_plannedEnd_idx" ON "ChangeRecord"("plannedStart", "plannedEnd");

-- CreateIndex
CREATE INDEX "ChangeApproval_ticketId_round_step_idx" ON "ChangeApproval"("ticketId", "round", "step");

-- CreateIndex
CREATE INDEX "ChangeApproval_approverId_state_idx" ON "ChangeApproval"("approverId", "state");

-- CreateIndex
CREATE INDEX "ChangeApproval_groupId_state_idx" ON "ChangeApproval"("groupId", "state");

-- CreateIndex
CREATE INDEX "ChangeBlackout_startsAt_endsAt_idx" ON "ChangeBlackout"("startsAt", "endsAt");

