using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>
/// Maps <see cref="WebhookSubscription"/> to <c>webhook_subscriptions</c>. The key is (tenant, id), so a tenant that
/// saves an id another tenant uses writes a row of its own and never overwrites the other's; the signing secret as
/// the ciphertext it arrives as; the event types as a JSON array of strings (<c>[]</c> for every type).
/// </summary>
internal sealed class WebhookSubscriptionEntityConfiguration(CallTrackingNames names) : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        var table = names.WebhookSubscriptions;
        builder.ToTable(table, names.Schema);
        builder.HasKey(s => new { s.TenantId, s.Id }).HasName(CallTrackingNames.Of("pk", table, "tenant_id_id"));
        builder.Property(s => s.TenantId).HasColumnName("tenant_id").HasMaxLength(128);
        builder.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(s => s.Url).HasColumnName("url").HasConversion(CallTrackingConverters.Url).IsRequired();
        builder.Property(s => s.EventTypes).HasColumnName("event_types")
            .HasConversion(CallTrackingConverters.EventTypes, EventTypesColumn.Comparer).IsRequired();

        // What IAuthTokenProtector.Protect returned; the plain secret never reaches the store.
        builder.Property(s => s.ProtectedSecret).HasColumnName("protected_secret").IsRequired();
        builder.Property(s => s.Enabled).HasColumnName("enabled");
        builder.Property(s => s.Description).HasColumnName("description");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at").HasConversion(CallTrackingConverters.UtcTimestamp);
    }
}
