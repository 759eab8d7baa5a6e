-- CreateTable
CREATE TABLE "AdminAuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "input" JSONB,
    "requestId" TEXT,

    CONSTRAINT "AdminAuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AdminAuditEvent_action_id_idx" ON "AdminAuditEvent"("action", "id" DESC);

-- AddForeignKey
ALTER TABLE "AdminAuditEvent" ADD CONSTRAINT "AdminAuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The administrators' audit log (migration admin_audit): append-only, like the seat events.
CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''AdminAuditEvent is append-only: % is not allowed'', TG_OP\073 END\073';
CREATE TRIGGER "AdminAuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AdminAuditEvent"
  FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only();
