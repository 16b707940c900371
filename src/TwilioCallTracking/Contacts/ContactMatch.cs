namespace TwilioCallTracking;

/// <summary>The contact a caller's number belongs to.</summary>
/// <param name="Candidates">Every contact that has the number.</param>
internal sealed record ContactMatch(IReadOnlyList<Guid> Candidates)
{
    /// <summary>No contact has the number (or it is not a real number, or it is one of the tenant's own).</summary>
    public static ContactMatch None { get; } = new([]);

    /// <summary>The matched contact: only when exactly one contact has the number.</summary>
    public Guid? ContactId => Candidates.Count == 1 ? Candidates[0] : null;

    /// <summary>Several contacts share the number: flagged, not guessed.</summary>
    public bool IsAmbiguous => Candidates.Count > 1;
}
