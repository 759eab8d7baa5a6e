-- CreateIndex
CREATE INDEX "MailOutbox_status_sentAt_idx" ON "MailOutbox"("status", "sentAt");

-- CreateIndex
CREATE INDEX "MailInbound_status_receivedAt_idx" ON "MailInbound"("status", "receivedAt");

