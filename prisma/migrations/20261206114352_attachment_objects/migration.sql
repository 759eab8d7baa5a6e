-- CreateTable
CREATE TABLE "AttachmentObject" (
    "key" TEXT NOT NULL,
    "storedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "complete" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AttachmentObject_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "key" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "AttachmentChunk_pkey" PRIMARY KEY ("key","seq")
);

-- CreateIndex
CREATE INDEX "AttachmentObject_storedAt_idx" ON "AttachmentObject"("storedAt");

-- AddForeignKey
ALTER TABLE "AttachmentChunk" ADD CONSTRAINT "AttachmentChunk_key_fkey" FOREIGN KEY ("key") REFERENCES "AttachmentObject"("key") ON DELETE CASCADE ON UPDATE CASCADE;

