namespace TwilioCallTracking.AspNetCore;

/// <summary>A page of the tenant's delivery log (<c>GET /api/webhooks/deliveries</c>), newest first.</summary>
/// <param name="Items">The deliveries.</param>
/// <param name="NextCursor">Pass as <c>before</c> for the next page; <see langword="null"/> on the last page.</param>
/// <param name="Next">The next page's URL, with the same filters; <see langword="null"/> on the last page.</param>
public sealed record NotificationDeliveryListResponse(IReadOnlyList<NotificationDeliveryResponse> Items, Guid? NextCursor, string? Next);
