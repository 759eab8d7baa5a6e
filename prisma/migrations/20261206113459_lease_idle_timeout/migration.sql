-- AlterTable
ALTER TABLE "SeatLease" ADD COLUMN     "idleTimeoutSeconds" INTEGER;


-- Leases recorded before this column existed keep the timeout in force now, the best known.
UPDATE "SeatLease" l SET "idleTimeoutSeconds" = COALESCE(
  (SELECT p."idleTimeoutSeconds" FROM "SeatPool" p WHERE p.id = l."poolId"),
  (SELECT e."namedIdleTimeoutSeconds" FROM "Entitlement" e WHERE e.id = 1),
  1800);
