namespace MinimalCrm.Calls.Live;

/// <summary>What a live page listens for (the model of <c>_LiveStream</c>): the updates of one call, or of every call of the tenant.</summary>
/// <param name="CallId">The call a detail page shows; <see langword="null"/> for the call list, which any call's update may change.</param>
public sealed record LiveScope(Guid? CallId);
