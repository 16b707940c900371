using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Maps <see cref="NotificationDelivery"/> to <c>call_notification_deliveries</c>: one row per notification and target,
/// its notification by foreign key (deleted with it), its tenant copied from it, and the dispatcher's lease as columns the
/// domain type does not have.
/// </summary>
internal sealed class NotificationDeliveryEntityConfiguration(CallTrackingNames names) : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        var table = names.NotificationDeliveries;
        builder.ToTable(table, names.Schema);
        builder.HasKey(d => d.Id).HasName(CallTrackingNames.Of("pk", table, "id"));
        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property<Guid>(NotificationColumns.NotificationId).HasColumnName("notification_id");
        builder.Property<string>(NotificationColumns.TenantId).HasColumnName("tenant_id").HasMaxLength(128).IsRequired();

        // A handler's full type name has no useful bound: text, like the caller's number.
        builder.Property(d => d.Target).HasColumnName("target").HasConversion(CallTrackingConverters.Target).IsRequired();
        builder.Property(d => d.State).HasColumnName("state").HasMaxLength(16).HasConversion(CallTrackingConverters.DeliveryState);
        builder.Property(d => d.Attempts).HasColumnName("attempts");
        builder.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property<Guid?>(NotificationColumns.LeaseId).HasColumnName("lease_id");
        builder.Property<DateTimeOffset?>(NotificationColumns.LeaseExpiresAt).HasColumnName("lease_expires_at")
            .HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(d => d.CreatedAt).HasColumnName("created_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(d => d.LastAttemptAt).HasColumnName("last_attempt_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(d => d.LastStatusCode).HasColumnName("last_status_code");
        builder.Property(d => d.LastError).HasColumnName("last_error");
        builder.Property(d => d.DeliveredAt).HasColumnName("delivered_at").HasConversion(CallTrackingConverters.UtcTimestamp);

        builder.HasOne(d => d.Notification).WithMany().HasForeignKey(NotificationColumns.NotificationId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName(CallTrackingNames.Of("fk", table, "notification_id"));

        // The database decides that a notification has one delivery per target, however many dispatchers fan it out at once.
        builder.HasIndex(NotificationColumns.NotificationId, nameof(NotificationDelivery.Target)).IsUnique()
            .HasDatabaseName(CallTrackingNames.Of("ux", table, "notification_id_target"));

        // The dispatcher's claim walks this soonest due first: only pending deliveries are in it.
        builder.HasIndex(d => new { d.NextAttemptAt, d.Id }).HasFilter(NotificationColumns.IsPending)
            .HasDatabaseName(CallTrackingNames.Of("ix", table, "due"));

        // The tenant's delivery log, newest first (keyset on the version 7 id).
        builder.HasIndex(NotificationColumns.TenantId, nameof(NotificationDelivery.Id)).IsDescending(false, true)
            .HasDatabaseName(CallTrackingNames.Of("ix", table, "tenant_id_id"));
    }
}
