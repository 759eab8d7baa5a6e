-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "InboundMailStatus" AS ENUM ('PROCESSED', 'HELD', 'IGNORED', 'FAILED');

-- CreateTable
CREATE TABLE "MailEvent" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "ticketId" TEXT,
    "actorId" TEXT,
    "data" JSONB,
    "onceKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expandedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MailEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailOutbox" (
    "id" BIGSERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipientId" TEXT,
    "toAddress" TEXT NOT NULL,
    "ticketId" TEXT,
    "foldKey" TEXT,
    "items" JSONB NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "htmlBody" TEXT NOT NULL,
    "threadId" TEXT,
    "replyTo" TEXT,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "claimedUntil" TIMESTAMPTZ(3),
    "claimToken" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailPreference" (
    "userId" TEXT NOT NULL,
    "requesterReceived" BOOLEAN NOT NULL DEFAULT true,
    "requesterReplies" BOOLEAN NOT NULL DEFAULT true,
    "requesterPending" BOOLEAN NOT NULL DEFAULT true,
    "requesterResolved" BOOLEAN NOT NULL DEFAULT true,
    "requesterClosed" BOOLEAN NOT NULL DEFAULT true,
    "agentAssigned" BOOLEAN NOT NULL DEFAULT true,
    "agentRequesterReply" BOOLEAN NOT NULL DEFAULT true,
    "agentGroupReceived" BOOLEAN NOT NULL DEFAULT false,
    "agentBreaching" BOOLEAN NOT NULL DEFAULT true,
    "seatReserved" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "MailInbound" (
    "id" BIGSERIAL NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "via" TEXT NOT NULL,
    "fromAddress" TEXT,
    "subject" TEXT,
    "messageId" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "raw" BYTEA NOT NULL,
    "status" "InboundMailStatus" NOT NULL,
    "reason" TEXT,
    "ticketId" TEXT,
    "commentId" TEXT,

    CONSTRAINT "MailInbound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailEvent_onceKey_key" ON "MailEvent"("onceKey");

-- CreateIndex
CREATE INDEX "MailEvent_expandedAt_id_idx" ON "MailEvent"("expandedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "MailOutbox_messageId_key" ON "MailOutbox"("messageId");

-- CreateIndex
CREATE INDEX "MailOutbox_status_nextAttemptAt_idx" ON "MailOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "MailOutbox_foldKey_status_idx" ON "MailOutbox"("foldKey", "status");

-- CreateIndex
CREATE INDEX "MailOutbox_status_id_idx" ON "MailOutbox"("status", "id" DESC);

-- CreateIndex
CREATE INDEX "MailInbound_status_id_idx" ON "MailInbound"("status", "id" DESC);

-- CreateIndex
CREATE INDEX "MailInbound_fromAddress_receivedAt_idx" ON "MailInbound"("fromAddress", "receivedAt");

-- CreateIndex
CREATE INDEX "MailInbound_messageId_idx" ON "MailInbound"("messageId");

