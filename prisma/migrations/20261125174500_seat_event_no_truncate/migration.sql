-- TRUNCATE skips row triggers, so the append-only audit trail also refuses it by a statement trigger.
CREATE TRIGGER "SeatEvent_no_truncate" BEFORE TRUNCATE ON "SeatEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION seat_event_append_only();
