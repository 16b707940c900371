-- Row-level security for TwilioCallTracking (opt-in). Idempotent: run it again after every migration.
-- Rows are visible to and writable by non-owner roles only when tenant_id = current_setting('app.tenant_id').
ALTER TABLE "calls" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "calls";
CREATE POLICY tenant_isolation ON "calls"
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE "call_events" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "call_events";
CREATE POLICY tenant_isolation ON "call_events"
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE "twilio_configurations" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "twilio_configurations";
CREATE POLICY tenant_isolation ON "twilio_configurations"
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
