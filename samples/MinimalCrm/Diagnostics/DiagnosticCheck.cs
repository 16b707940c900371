using TwilioCallTracking;

namespace MinimalCrm.Diagnostics;

/// <summary>One check of the Diagnostics page (one item of the seed's troubleshooting list, made executable).</summary>
/// <param name="Id">A stable id: <c>configured</c>, <c>credentials</c>, <c>public-url</c>, <c>number-webhooks</c>, <c>last-webhook</c>, <c>signatures</c>.</param>
/// <param name="Title">What is checked.</param>
/// <param name="Outcome">How it came out.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to do about it, when something is wrong.</param>
public sealed record DiagnosticCheck(string Id, string Title, CheckOutcome Outcome, string Detail, string? Fix = null);

/// <summary>All checks for one tenant.</summary>
/// <param name="TenantId">The tenant checked.</param>
/// <param name="Mode"><c>simulator</c> or <c>real</c>.</param>
/// <param name="CheckedAt">When the checks ran (UTC).</param>
/// <param name="Checks">The checks, in the order of the troubleshooting list.</param>
/// <param name="SignatureFailures">The tenant's recent webhooks refused for their signature, newest first, with the URL used.</param>
public sealed record DiagnosticsReport(
    string TenantId, string Mode, DateTimeOffset CheckedAt, IReadOnlyList<DiagnosticCheck> Checks, IReadOnlyList<WebhookSignatureFailure> SignatureFailures);
