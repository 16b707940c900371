namespace TwilioCallTracking;

/// <summary>Collects what is wrong with a webhook's parameters, by parameter name.</summary>
public sealed class WebhookValidationErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>The errors by parameter name, in the shape of a validation ProblemDetails.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>Whether no error was found.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Adds an error for <paramref name="parameter"/>.</summary>
    public void Add(string parameter, string message) =>
        _errors[parameter] = _errors.TryGetValue(parameter, out var existing) ? [.. existing, message] : [message];

    /// <summary>Requires <paramref name="parameter"/> to be present and non-empty; returns its value.</summary>
    public string Require(TwilioRequestParameters parameters, string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var value = parameters.GetNonEmpty(parameter);
        if (value is null)
        {
            Add(parameter, $"The '{parameter}' parameter is required.");
        }

        return value ?? string.Empty;
    }

    /// <summary>Requires <paramref name="parameter"/> to be a call SID (<c>CA</c> + 32 hex digits); returns its value.</summary>
    public string RequireCallSid(TwilioRequestParameters parameters, string parameter)
    {
        var value = Require(parameters, parameter);
        if (value.Length > 0 && !TwilioSids.IsCallSid(value))
        {
            Add(parameter, $"The '{parameter}' parameter must be a Twilio call SID ('CA' followed by 32 hex digits).");
        }

        return value;
    }

    /// <summary>Returns a summary of every error on one line, for logs.</summary>
    public override string ToString() =>
        string.Join("; ", _errors.SelectMany(e => e.Value));
}
