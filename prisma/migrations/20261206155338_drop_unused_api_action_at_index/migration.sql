-- DropIndex
DROP INDEX "ApiAction_at_idx";

