-- CreateEnum
CREATE TYPE "ArticleStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateTable
CREATE TABLE "KnowledgeArticle" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "categoryId" TEXT,
    "status" "ArticleStatus" NOT NULL DEFAULT 'DRAFT',
    "authorId" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),
    "search" tsvector,

    CONSTRAINT "KnowledgeArticle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KnowledgeArticle_status_updatedAt_id_idx" ON "KnowledgeArticle"("status", "updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "KnowledgeArticle_updatedAt_id_idx" ON "KnowledgeArticle"("updatedAt" DESC, "id");

-- AddForeignKey
ALTER TABLE "KnowledgeArticle" ADD CONSTRAINT "KnowledgeArticle_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeArticle" ADD CONSTRAINT "KnowledgeArticle_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeArticle" ADD CONSTRAINT "KnowledgeArticle_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Knowledge base (migration 20261126022945_knowledge_base).

-- Full-text search over the title (weight A) and the body (weight B), as for tickets.
ALTER TABLE "KnowledgeArticle" DROP COLUMN "search";
ALTER TABLE "KnowledgeArticle" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, "title"), 'A') || setweight(to_tsvector('english'::regconfig, "body"), 'B')
) STORED;
CREATE INDEX "KnowledgeArticle_search_idx" ON "KnowledgeArticle" USING GIN ("search");
ALTER TABLE "KnowledgeArticle" ADD CONSTRAINT "KnowledgeArticle_shape" CHECK (char_length("title") BETWEEN 1 AND 200 AND "version" >= 1 AND ("status" = 'DRAFT' OR "publishedAt" IS NOT NULL));
