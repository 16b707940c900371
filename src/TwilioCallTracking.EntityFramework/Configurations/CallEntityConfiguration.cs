using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>Maps <see cref="Call"/> to the <c>calls</c> table.</summary>
internal sealed class CallEntityConfiguration(CallTrackingNames names) : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        var table = names.Calls;
        builder.ToTable(table, names.Schema);
        builder.HasKey(c => c.Id).HasName(CallTrackingNames.Of("pk", table, "id"));
        builder.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(c => c.TenantId).HasColumnName("tenant_id").HasMaxLength(128).IsRequired();
        builder.Property(c => c.TwilioCallSid).HasColumnName("twilio_call_sid").HasMaxLength(34);
        builder.Property(c => c.ParentCallSid).HasColumnName("parent_call_sid").HasMaxLength(34);

        // Twilio sends E.164 "if possible", otherwise the raw caller ID (anonymous, a SIP URI): no length limit.
        builder.Property(c => c.From).HasColumnName("from_number").IsRequired();
        builder.Property(c => c.To).HasColumnName("to_number").IsRequired();
        builder.Property(c => c.Direction).HasColumnName("direction").HasMaxLength(8).HasConversion(CallTrackingConverters.Direction);
        builder.Property(c => c.TwilioDirection).HasColumnName("twilio_direction").HasMaxLength(32);
        builder.Property(c => c.Status).HasColumnName("status").HasMaxLength(16).HasConversion(CallTrackingConverters.Status);
        builder.Property(c => c.DurationSeconds).HasColumnName("duration_seconds");
        builder.Property(c => c.RecordingSid).HasColumnName("recording_sid").HasMaxLength(34);
        builder.Property(c => c.RecordingUrl).HasColumnName("recording_url");
        builder.Property(c => c.RecordingDurationSeconds).HasColumnName("recording_duration_seconds");
        builder.Property(c => c.Price).HasColumnName("price");
        builder.Property(c => c.PriceUnit).HasColumnName("price_unit").HasMaxLength(8);
        builder.Property(c => c.ContactId).HasColumnName("contact_id");
        builder.Property(c => c.ContactAmbiguous).HasColumnName("contact_ambiguous").HasDefaultValue(false);
        builder.Property(c => c.UserId).HasColumnName("user_id").HasMaxLength(128);
        builder.Property(c => c.DialCallStatus).HasColumnName("dial_call_status").HasMaxLength(16);
        builder.Property(c => c.CreatedAt).HasColumnName("created_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(c => c.AnsweredAt).HasColumnName("answered_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(c => c.EndedAt).HasColumnName("ended_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(c => c.ErrorCode).HasColumnName("error_code");
        builder.Property(c => c.ErrorMessage).HasColumnName("error_message");

        // The stores compare and increment it in their UPDATE (WHERE version = @expected): optimistic concurrency.
        builder.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();

        // The reconciliation sweeper's bookkeeping: columns of the table, not properties of the domain call.
        builder.Property<int>(ReconciliationColumns.Attempts).HasColumnName("reconcile_attempts").HasDefaultValue(0);
        builder.Property<DateTimeOffset?>(ReconciliationColumns.NextAt).HasColumnName("reconcile_next_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property<Guid?>(ReconciliationColumns.LeaseId).HasColumnName("reconcile_lease_id");
        builder.Property<DateTimeOffset?>(ReconciliationColumns.LeaseExpiresAt).HasColumnName("reconcile_lease_expires_at")
            .HasConversion(CallTrackingConverters.UtcTimestamp);

        // Partial, so PostgreSQL does not treat the SID as a foreign-key target: setting it on a queued outbound call then
        // takes no FOR UPDATE lock that would deadlock with a concurrent event insert (which holds FOR KEY SHARE).
        builder.HasIndex(c => c.TwilioCallSid).IsUnique().HasFilter("twilio_call_sid IS NOT NULL")
            .HasDatabaseName(CallTrackingNames.Of("ux", table, "twilio_call_sid"));

        // The recent-calls page (newest first, keyset on created_at then id).
        builder.HasIndex(c => new { c.TenantId, c.CreatedAt, c.Id }).IsDescending(false, true, true)
            .HasDatabaseName(CallTrackingNames.Of("ix", table, "tenant_id_created_at"));

        // A contact's calls, newest first.
        builder.HasIndex(c => new { c.TenantId, c.ContactId, c.CreatedAt }).IsDescending(false, false, true)
            .HasDatabaseName(CallTrackingNames.Of("ix", table, "tenant_id_contact_id_created_at"));

        // The sweeper's claim walks this oldest first: only calls still missing their caller, price or end are in it.
        builder.HasIndex(c => new { c.CreatedAt, c.Id }).HasFilter(ReconciliationColumns.MayNeedTwilio)
            .HasDatabaseName(CallTrackingNames.Of("ix", table, "reconcile"));
    }
}
