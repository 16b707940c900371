-- Row-level security for TwilioCallTracking: on by default on PostgreSQL, where MigrateCallTrackingDatabaseAsync()
-- applies it after the migrations. Idempotent; run it in one transaction (psql --single-transaction) after migrating.
-- Every role, the tables' owner included (FORCE), sees and writes only rows whose tenant_id = current_setting('app.tenant_id', true):
-- the stores name the tenant at the start of each transaction. Their lookups across tenants (a webhook's tenant by
-- number or account, the sweeper's and the notification dispatcher's claims) set twilio_call_tracking.all_tenants = 'on' in their
-- own transaction, which lets them read calls, twilio_configurations, call_notifications and call_notification_deliveries
-- and update (claim) calls and deliveries, nothing else. Superusers and BYPASSRLS roles are not restricted.
ALTER TABLE "calls" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "calls" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "calls";
CREATE POLICY tenant_isolation ON "calls" FOR ALL
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
COMMENT ON POLICY tenant_isolation ON "calls" IS 'TwilioCallTracking row-level security, version 2';
DROP POLICY IF EXISTS all_tenants_lookup ON "calls";
CREATE POLICY all_tenants_lookup ON "calls" FOR SELECT
    USING (current_setting('twilio_call_tracking.all_tenants', true) = 'on');
COMMENT ON POLICY all_tenants_lookup ON "calls" IS 'TwilioCallTracking row-level security, version 2';
DROP POLICY IF EXISTS all_tenants_claim ON "calls";
CREATE POLICY all_tenants_claim ON "calls" FOR UPDATE
    USING (current_setting('twilio_call_tracking.all_tenants', true) = 'on')
    WITH CHECK (current_setting('twilio_call_tracking.all_tenants', true) = 'on');
COMMENT ON POLICY all_tenants_claim ON "calls" IS 'TwilioCallTracking row-level security, version 2';
ALTER TABLE "call_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "call_events" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "call_events";
CREATE POLICY tenant_isolation ON "call_events" FOR ALL
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
COMMENT ON POLICY tenant_isolation ON "call_events" IS 'TwilioCallTracking row-level security, version 2';
ALTER TABLE "twilio_configurations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "twilio_configurations" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "twilio_configurations";
CREATE POLICY tenant_isolation ON "twilio_configurations" FOR ALL
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
COMMENT ON POLICY tenant_isolation ON "twilio_configurations" IS 'TwilioCallTracking row-level security, version 2';
DROP POLICY IF EXISTS all_tenants_lookup ON "twilio_configurations";
CREATE POLICY all_tenants_lookup ON "twilio_configurations" FOR SELECT
    USING (current_setting('twilio_call_tracking.all_tenants', true) = 'on');
COMMENT ON POLICY all_tenants_lookup ON "twilio_configurations" IS 'TwilioCallTracking row-level security, version 2';
ALTER TABLE "call_notifications" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "call_notifications" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "call_notifications";
CREATE POLICY tenant_isolation ON "call_notifications" FOR ALL
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
COMMENT ON POLICY tenant_isolation ON "call_notifications" IS 'TwilioCallTracking row-level security, version 2';
DROP POLICY IF EXISTS all_tenants_lookup ON "call_notifications";
CREATE POLICY all_tenants_lookup ON "call_notifications" FOR SELECT
    USING (current_setting('twilio_call_tracking.all_tenants', true) = 'on');
COMMENT ON POLICY all_tenants_lookup ON "call_notifications" IS 'TwilioCallTracking row-level security, version 2';
ALTER TABLE "call_notification_deliveries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "call_notification_deliveries" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "call_notification_deliveries";
CREATE POLICY tenant_isolation ON "call_notification_deliveries" FOR ALL
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
COMMENT ON POLICY tenant_isolation ON "call_notification_deliveries" IS 'TwilioCallTracking row-level security, version 2';
DROP POLICY IF EXISTS all_tenants_lookup ON "call_notification_deliveries";
CREATE POLICY all_tenants_lookup ON "call_notification_deliveries" FOR SELECT
    USING (current_setting('twilio_call_tracking.all_tenants', true) = 'on');
COMMENT ON POLICY all_tenants_lookup ON "call_notification_deliveries" IS 'TwilioCallTracking row-level security, version 2';
DROP POLICY IF EXISTS all_tenants_claim ON "call_notification_deliveries";
CREATE POLICY all_tenants_claim ON "call_notification_deliveries" FOR UPDATE
    USING (current_setting('twilio_call_tracking.all_tenants', true) = 'on')
    WITH CHECK (current_setting('twilio_call_tracking.all_tenants', true) = 'on');
COMMENT ON POLICY all_tenants_claim ON "call_notification_deliveries" IS 'TwilioCallTracking row-level security, version 2';
ALTER TABLE "webhook_subscriptions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_subscriptions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "webhook_subscriptions";
CREATE POLICY tenant_isolation ON "webhook_subscriptions" FOR ALL
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
COMMENT ON POLICY tenant_isolation ON "webhook_subscriptions" IS 'TwilioCallTracking row-level security, version 2';
