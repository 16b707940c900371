using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioCallTracking;

namespace TwilioCallTracking.EntityFramework;

/// <summary>Maps <see cref="TwilioConfiguration"/> to <c>twilio_configurations</c>: one row per tenant, the auth token and API key secret as ciphertext only.</summary>
internal sealed class TwilioConfigurationEntityConfiguration(CallTrackingNames names) : IEntityTypeConfiguration<TwilioConfiguration>
{
    public void Configure(EntityTypeBuilder<TwilioConfiguration> builder)
    {
        var table = names.TwilioConfigurations;
        builder.ToTable(table, names.Schema);
        builder.HasKey(c => c.TenantId).HasName(CallTrackingNames.Of("pk", table, "tenant_id"));
        builder.Property(c => c.TenantId).HasColumnName("tenant_id").HasMaxLength(128);
        builder.Property(c => c.AccountSid).HasColumnName("account_sid").HasMaxLength(34).IsRequired();

        // What IAuthTokenProtector.Protect returned (v2.{keyId}.{base64}); the plain token never reaches the store.
        builder.Property(c => c.ProtectedAuthToken).HasColumnName("auth_token_encrypted").IsRequired();

        // REST requests authenticate with the API key when there is one; its secret, like the token, as ciphertext only.
        builder.Property(c => c.ApiKeySid).HasColumnName("api_key_sid").HasMaxLength(34);
        builder.Property(c => c.ProtectedApiKeySecret).HasColumnName("api_key_secret_encrypted");
        builder.Property(c => c.PhoneNumber).HasColumnName("phone_number").HasMaxLength(16).IsRequired();
        builder.Property(c => c.ForwardToNumber).HasColumnName("forward_to_number").HasMaxLength(16);
        builder.Property(c => c.Greeting).HasColumnName("greeting");
        builder.Property(c => c.RecordingNotice).HasColumnName("recording_notice").HasMaxLength(TwilioConfiguration.MaxRecordingNoticeLength);
        builder.Property(c => c.RecordingMode).HasColumnName("recording_mode").HasMaxLength(32).HasConversion(CallTrackingConverters.RecordingMode);
        builder.Property(c => c.PublicBaseUrl).HasColumnName("public_base_url").HasConversion<string>();
        builder.Property(c => c.CreatedAt).HasColumnName("created_at").HasConversion(CallTrackingConverters.UtcTimestamp);
        builder.Property(c => c.UpdatedAt).HasColumnName("updated_at").HasConversion(CallTrackingConverters.UtcTimestamp);

        // A number routes webhooks to one tenant only.
        builder.HasIndex(c => c.PhoneNumber).IsUnique().HasDatabaseName(CallTrackingNames.Of("ux", table, "phone_number"));
        builder.HasIndex(c => c.AccountSid).HasDatabaseName(CallTrackingNames.Of("ix", table, "account_sid"));
    }
}
