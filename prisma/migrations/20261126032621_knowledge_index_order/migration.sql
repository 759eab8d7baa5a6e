-- DropIndex
DROP INDEX "KnowledgeArticle_status_updatedAt_id_idx";

-- DropIndex
DROP INDEX "KnowledgeArticle_updatedAt_id_idx";

-- CreateIndex
CREATE INDEX "KnowledgeArticle_status_updatedAt_id_idx" ON "KnowledgeArticle"("status", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "KnowledgeArticle_updatedAt_id_idx" ON "KnowledgeArticle"("updatedAt" DESC, "id" DESC);

