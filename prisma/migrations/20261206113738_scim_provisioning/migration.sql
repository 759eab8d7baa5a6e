-- AlterTable
ALTER TABLE "UserIdentity" ADD COLUMN     "scimConnectionId" TEXT,
ADD COLUMN     "scimDeletedAt" TIMESTAMPTZ(3),
ADD COLUMN     "scimExternalId" TEXT,
ADD COLUMN     "scimResource" JSONB,
ADD COLUMN     "userName" TEXT;

-- CreateTable
CREATE TABLE "ScimConnection" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenHint" TEXT NOT NULL,
    "jobCodeAttribute" TEXT NOT NULL DEFAULT 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ScimConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "externalId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScimGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ScimGroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScimConnection_tokenHash_key" ON "ScimConnection"("tokenHash");

-- CreateIndex
CREATE INDEX "ScimGroup_connectionId_createdAt_idx" ON "ScimGroup"("connectionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_connectionId_displayName_key" ON "ScimGroup"("connectionId", "displayName");

-- CreateIndex
CREATE INDEX "ScimGroupMember_userId_idx" ON "ScimGroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "UserIdentity_userName_key" ON "UserIdentity"("userName");

-- CreateIndex
CREATE INDEX "UserIdentity_scimConnectionId_idx" ON "UserIdentity"("scimConnectionId");

-- CreateIndex
CREATE INDEX "UserIdentity_scimExternalId_idx" ON "UserIdentity"("scimExternalId");

-- AddForeignKey
ALTER TABLE "ScimGroup" ADD CONSTRAINT "ScimGroup_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "ScimConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ScimGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

