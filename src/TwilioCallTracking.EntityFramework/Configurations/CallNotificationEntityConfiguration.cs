using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Maps <see cref="CallNotification"/> to <c>call_notifications</c>, the outbox: written with the call change that raised
/// it, fanned out once (<c>dispatched_at</c>), deleted by the purge. The data stays text on both databases (never
/// <c>jsonb</c>), so what a receiver gets is exactly what was written. No foreign key to <c>calls</c>: the insert costs
/// the change no lock, and a deleted call keeps its delivery log.
/// </summary>
internal sealed class CallNotificationEntityConfiguration(CallTrackingNames names) : IEntityTypeConfiguration<CallNotification>
{
    public void Configure(EntityTypeBuilder<CallNotification> builder)
    {
        var table = names.CallNotifications;
        builder.ToTable(table, names.Schema);
        builder.HasKey(n => n.Id).HasName(CallTrackingNames.Of("pk", table, "id"));
        builder.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(n => n.TenantId).HasColumnName("tenant_id").HasMaxLength(128).IsRequired();
        builder.Property(n => n.CallId).HasColumnName("call_id");
        builder.Property(n => n.Type).HasColumnName("type").HasMaxLength(64).IsRequired();
        builder.Property(n => n.OccurredAt).HasColumnName("occurred_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(n => n.DataVersion).HasColumnName("data_version");
        builder.Property(n => n.Data).HasColumnName("data").IsRequired();

        // The dispatcher's bookkeeping: a column of the table, not a property of the notification.
        builder.Property<DateTimeOffset?>(NotificationColumns.DispatchedAt).HasColumnName("dispatched_at")
            .HasConversion(CallTrackingConverters.UtcTimestamp);

        // What the dispatcher fans out next, oldest first: only the notifications not dispatched yet are in it.
        builder.HasIndex(n => new { n.OccurredAt, n.Id }).HasFilter(NotificationColumns.Undispatched)
            .HasDatabaseName(CallTrackingNames.Of("ix", table, "undispatched"));

        // What the purge may delete, oldest first.
        builder.HasIndex(n => n.OccurredAt).HasFilter(NotificationColumns.Dispatched)
            .HasDatabaseName(CallTrackingNames.Of("ix", table, "purge"));

        // A call's notifications (its delivery log).
        builder.HasIndex(n => new { n.TenantId, n.CallId }).HasDatabaseName(CallTrackingNames.Of("ix", table, "tenant_id_call_id"));
    }
}
