CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "calls" (
    "id" TEXT NOT NULL CONSTRAINT "pk_calls_id" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "twilio_call_sid" TEXT NULL,
    "parent_call_sid" TEXT NULL,
    "from_number" TEXT NOT NULL,
    "to_number" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "twilio_direction" TEXT NULL,
    "status" TEXT NOT NULL,
    "duration_seconds" INTEGER NULL,
    "recording_sid" TEXT NULL,
    "recording_url" TEXT NULL,
    "recording_duration_seconds" INTEGER NULL,
    "price" TEXT NULL,
    "price_unit" TEXT NULL,
    "contact_id" TEXT NULL,
    "user_id" TEXT NULL,
    "dial_call_status" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "answered_at" TEXT NULL,
    "ended_at" TEXT NULL,
    "error_code" INTEGER NULL,
    "error_message" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "twilio_configurations" (
    "tenant_id" TEXT NOT NULL CONSTRAINT "pk_twilio_configurations_tenant_id" PRIMARY KEY,
    "account_sid" TEXT NOT NULL,
    "auth_token_encrypted" TEXT NOT NULL,
    "phone_number" TEXT NOT NULL,
    "forward_to_number" TEXT NULL,
    "greeting" TEXT NULL,
    "recording_mode" TEXT NOT NULL,
    "public_base_url" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "call_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_call_events_id" PRIMARY KEY,
    "call_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "event_data" TEXT NOT NULL,
    "deduplication_key" TEXT NOT NULL,
    "sequence_number" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_call_events_call_id" FOREIGN KEY ("call_id") REFERENCES "calls" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_call_events_call_id_created_at" ON "call_events" ("call_id", "created_at");

CREATE UNIQUE INDEX "ux_call_events_call_id_deduplication_key" ON "call_events" ("call_id", "deduplication_key");

CREATE INDEX "ix_calls_tenant_id_contact_id_created_at" ON "calls" ("tenant_id", "contact_id", "created_at" DESC);

CREATE INDEX "ix_calls_tenant_id_created_at" ON "calls" ("tenant_id", "created_at" DESC, "id" DESC);

CREATE UNIQUE INDEX "ux_calls_twilio_call_sid" ON "calls" ("twilio_call_sid") WHERE twilio_call_sid IS NOT NULL;

CREATE INDEX "ix_twilio_configurations_account_sid" ON "twilio_configurations" ("account_sid");

CREATE UNIQUE INDEX "ux_twilio_configurations_phone_number" ON "twilio_configurations" ("phone_number");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124161944_InitialCreate', '10.0.0');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "calls" ADD "contact_ambiguous" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "calls" ADD "reconcile_attempts" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "calls" ADD "reconcile_lease_expires_at" TEXT NULL;

ALTER TABLE "calls" ADD "reconcile_lease_id" TEXT NULL;

ALTER TABLE "calls" ADD "reconcile_next_at" TEXT NULL;

CREATE INDEX "ix_calls_reconcile" ON "calls" ("created_at", "id") WHERE twilio_call_sid IS NOT NULL AND (from_number = '' OR price IS NULL OR status IN ('queued', 'initiated', 'ringing', 'in-progress'));

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124165629_AddReconciliationAndContactFlag', '10.0.0');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "ix_calls_reconcile";

ALTER TABLE "twilio_configurations" ADD "recording_notice" TEXT NULL;

CREATE INDEX "ix_calls_reconcile" ON "calls" ("created_at", "id") WHERE (twilio_call_sid IS NOT NULL AND (from_number = '' OR price IS NULL OR status IN ('queued', 'initiated', 'ringing', 'in-progress'))) OR (twilio_call_sid IS NULL AND status = 'queued');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202155420_AddRecordingNoticeAndUnconfirmedCalls', '10.0.0');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "twilio_configurations" ADD "api_key_secret_encrypted" TEXT NULL;

ALTER TABLE "twilio_configurations" ADD "api_key_sid" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202172904_AddTwilioApiKeys', '10.0.0');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "call_notifications" (
    "id" TEXT NOT NULL CONSTRAINT "pk_call_notifications_id" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "call_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_at" TEXT NOT NULL,
    "data_version" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "dispatched_at" TEXT NULL
);

CREATE TABLE "webhook_subscriptions" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "event_types" TEXT NOT NULL,
    "protected_secret" TEXT NOT NULL,
    "enabled" INTEGER NOT NULL,
    "description" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "pk_webhook_subscriptions_tenant_id_id" PRIMARY KEY ("tenant_id", "id")
);

CREATE TABLE "call_notification_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_call_notification_deliveries_id" PRIMARY KEY,
    "notification_id" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "last_attempt_at" TEXT NULL,
    "last_status_code" INTEGER NULL,
    "last_error" TEXT NULL,
    "delivered_at" TEXT NULL,
    "lease_expires_at" TEXT NULL,
    "lease_id" TEXT NULL,
    "tenant_id" TEXT NOT NULL,
    CONSTRAINT "fk_call_notification_deliveries_notification_id" FOREIGN KEY ("notification_id") REFERENCES "call_notifications" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_call_notification_deliveries_due" ON "call_notification_deliveries" ("next_attempt_at", "id") WHERE state = 'pending';

CREATE INDEX "ix_call_notification_deliveries_tenant_id_id" ON "call_notification_deliveries" ("tenant_id", "id" DESC);

CREATE UNIQUE INDEX "ux_call_notification_deliveries_notification_id_target" ON "call_notification_deliveries" ("notification_id", "target");

CREATE INDEX "ix_call_notifications_purge" ON "call_notifications" ("occurred_at") WHERE dispatched_at IS NOT NULL;

CREATE INDEX "ix_call_notifications_tenant_id_call_id" ON "call_notifications" ("tenant_id", "call_id");

CREATE INDEX "ix_call_notifications_undispatched" ON "call_notifications" ("occurred_at", "id") WHERE dispatched_at IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202185408_AddCallNotifications', '10.0.0');

COMMIT;

