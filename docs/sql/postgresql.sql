CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE TABLE calls (
        id uuid NOT NULL,
        tenant_id character varying(128) NOT NULL,
        twilio_call_sid character varying(34),
        parent_call_sid character varying(34),
        from_number text NOT NULL,
        to_number text NOT NULL,
        direction character varying(8) NOT NULL,
        twilio_direction character varying(32),
        status character varying(16) NOT NULL,
        duration_seconds integer,
        recording_sid character varying(34),
        recording_url text,
        recording_duration_seconds integer,
        price numeric,
        price_unit character varying(8),
        contact_id uuid,
        user_id character varying(128),
        dial_call_status character varying(16),
        created_at timestamp with time zone NOT NULL,
        answered_at timestamp with time zone,
        ended_at timestamp with time zone,
        error_code integer,
        error_message text,
        version bigint NOT NULL,
        CONSTRAINT pk_calls_id PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE TABLE twilio_configurations (
        tenant_id character varying(128) NOT NULL,
        account_sid character varying(34) NOT NULL,
        auth_token_encrypted text NOT NULL,
        phone_number character varying(16) NOT NULL,
        forward_to_number character varying(16),
        greeting text,
        recording_mode character varying(32) NOT NULL,
        public_base_url text,
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_twilio_configurations_tenant_id PRIMARY KEY (tenant_id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE TABLE call_events (
        id uuid NOT NULL,
        call_id uuid NOT NULL,
        tenant_id character varying(128) NOT NULL,
        event_type text NOT NULL,
        event_data jsonb NOT NULL,
        deduplication_key text NOT NULL,
        sequence_number integer,
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_call_events_id PRIMARY KEY (id),
        CONSTRAINT fk_call_events_call_id FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE INDEX ix_call_events_call_id_created_at ON call_events (call_id, created_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE UNIQUE INDEX ux_call_events_call_id_deduplication_key ON call_events (call_id, deduplication_key);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE INDEX ix_calls_tenant_id_contact_id_created_at ON calls (tenant_id, contact_id, created_at DESC);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE INDEX ix_calls_tenant_id_created_at ON calls (tenant_id, created_at DESC, id DESC);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE UNIQUE INDEX ux_calls_twilio_call_sid ON calls (twilio_call_sid) WHERE twilio_call_sid IS NOT NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE INDEX ix_twilio_configurations_account_sid ON twilio_configurations (account_sid);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    CREATE UNIQUE INDEX ux_twilio_configurations_phone_number ON twilio_configurations (phone_number);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124162023_InitialCreate') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261124162023_InitialCreate', '10.0.0');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124165634_AddReconciliationAndContactFlag') THEN
    ALTER TABLE calls ADD contact_ambiguous boolean NOT NULL DEFAULT FALSE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124165634_AddReconciliationAndContactFlag') THEN
    ALTER TABLE calls ADD reconcile_attempts integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124165634_AddReconciliationAndContactFlag') THEN
    ALTER TABLE calls ADD reconcile_lease_expires_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124165634_AddReconciliationAndContactFlag') THEN
    ALTER TABLE calls ADD reconcile_lease_id uuid;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124165634_AddReconciliationAndContactFlag') THEN
    ALTER TABLE calls ADD reconcile_next_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124165634_AddReconciliationAndContactFlag') THEN
    CREATE INDEX ix_calls_reconcile ON calls (created_at, id) WHERE twilio_call_sid IS NOT NULL AND (from_number = '' OR price IS NULL OR status IN ('queued', 'initiated', 'ringing', 'in-progress'));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261124165634_AddReconciliationAndContactFlag') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261124165634_AddReconciliationAndContactFlag', '10.0.0');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202155437_AddRecordingNoticeAndUnconfirmedCalls') THEN
    DROP INDEX ix_calls_reconcile;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202155437_AddRecordingNoticeAndUnconfirmedCalls') THEN
    ALTER TABLE twilio_configurations ADD recording_notice character varying(500);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202155437_AddRecordingNoticeAndUnconfirmedCalls') THEN
    CREATE INDEX ix_calls_reconcile ON calls (created_at, id) WHERE (twilio_call_sid IS NOT NULL AND (from_number = '' OR price IS NULL OR status IN ('queued', 'initiated', 'ringing', 'in-progress'))) OR (twilio_call_sid IS NULL AND status = 'queued');
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202155437_AddRecordingNoticeAndUnconfirmedCalls') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202155437_AddRecordingNoticeAndUnconfirmedCalls', '10.0.0');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202172932_AddTwilioApiKeys') THEN
    ALTER TABLE twilio_configurations ADD api_key_secret_encrypted text;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202172932_AddTwilioApiKeys') THEN
    ALTER TABLE twilio_configurations ADD api_key_sid character varying(34);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202172932_AddTwilioApiKeys') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202172932_AddTwilioApiKeys', '10.0.0');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE TABLE call_notifications (
        id uuid NOT NULL,
        tenant_id character varying(128) NOT NULL,
        call_id uuid NOT NULL,
        type character varying(64) NOT NULL,
        occurred_at timestamp with time zone NOT NULL,
        data_version integer NOT NULL,
        data text NOT NULL,
        dispatched_at timestamp with time zone,
        CONSTRAINT pk_call_notifications_id PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE TABLE webhook_subscriptions (
        id uuid NOT NULL,
        tenant_id character varying(128) NOT NULL,
        url text NOT NULL,
        event_types text NOT NULL,
        protected_secret text NOT NULL,
        enabled boolean NOT NULL,
        description text,
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_webhook_subscriptions_tenant_id_id PRIMARY KEY (tenant_id, id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE TABLE call_notification_deliveries (
        id uuid NOT NULL,
        notification_id uuid NOT NULL,
        target text NOT NULL,
        state character varying(16) NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamp with time zone,
        created_at timestamp with time zone NOT NULL,
        last_attempt_at timestamp with time zone,
        last_status_code integer,
        last_error text,
        delivered_at timestamp with time zone,
        lease_expires_at timestamp with time zone,
        lease_id uuid,
        tenant_id character varying(128) NOT NULL,
        CONSTRAINT pk_call_notification_deliveries_id PRIMARY KEY (id),
        CONSTRAINT fk_call_notification_deliveries_notification_id FOREIGN KEY (notification_id) REFERENCES call_notifications (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE INDEX ix_call_notification_deliveries_due ON call_notification_deliveries (next_attempt_at, id) WHERE state = 'pending';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE INDEX ix_call_notification_deliveries_tenant_id_id ON call_notification_deliveries (tenant_id, id DESC);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE UNIQUE INDEX ux_call_notification_deliveries_notification_id_target ON call_notification_deliveries (notification_id, target);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE INDEX ix_call_notifications_purge ON call_notifications (occurred_at) WHERE dispatched_at IS NOT NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE INDEX ix_call_notifications_tenant_id_call_id ON call_notifications (tenant_id, call_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    CREATE INDEX ix_call_notifications_undispatched ON call_notifications (occurred_at, id) WHERE dispatched_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202185417_AddCallNotifications') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202185417_AddCallNotifications', '10.0.0');
    END IF;
END $EF$;
COMMIT;

