using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>Maps <see cref="CallEvent"/> to the <c>call_events</c> table (tenant and deduplication key included).</summary>
internal sealed class CallEventEntityConfiguration(CallTrackingNames names, string? eventDataColumnType) : IEntityTypeConfiguration<CallEvent>
{
    public void Configure(EntityTypeBuilder<CallEvent> builder)
    {
        var table = names.CallEvents;
        builder.ToTable(table, names.Schema);
        builder.HasKey(e => e.Id).HasName(CallTrackingNames.Of("pk", table, "id"));
        builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(e => e.CallId).HasColumnName("call_id");
        builder.Property(e => e.TenantId).HasColumnName("tenant_id").HasMaxLength(128).IsRequired();
        builder.Property(e => e.EventType).HasColumnName("event_type").IsRequired();
        var data = builder.Property(e => e.EventData).HasColumnName("event_data").IsRequired();
        if (eventDataColumnType is not null)
        {
            data.HasColumnType(eventDataColumnType);
        }

        builder.Property(e => e.DeduplicationKey).HasColumnName("deduplication_key").IsRequired();
        builder.Property(e => e.SequenceNumber).HasColumnName("sequence_number");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at").HasConversion(CallTrackingConverters.UtcTimestamp);

        builder.HasOne<Call>().WithMany().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName(CallTrackingNames.Of("fk", table, "call_id"));

        // The database itself rejects a second delivery of one webhook: this key decides, not a read-then-write check.
        builder.HasIndex(e => new { e.CallId, e.DeduplicationKey }).IsUnique()
            .HasDatabaseName(CallTrackingNames.Of("ux", table, "call_id_deduplication_key"));

        // A call's timeline.
        builder.HasIndex(e => new { e.CallId, e.CreatedAt }).HasDatabaseName(CallTrackingNames.Of("ix", table, "call_id_created_at"));
    }
}
