-- CreateTable
CREATE TABLE "ProblemRecord" (
    "ticketId" TEXT NOT NULL,
    "rootCause" TEXT NOT NULL DEFAULT '',
    "workaround" TEXT NOT NULL DEFAULT '',
    "knownError" BOOLEAN NOT NULL DEFAULT false,
    "knownErrorAt" TIMESTAMPTZ(3),
    "knowledgeArticleId" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProblemRecord_pkey" PRIMARY KEY ("ticketId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProblemRecord_knowledgeArticleId_key" ON "ProblemRecord"("knowledgeArticleId");

