namespace MinimalCrm.Setup;

/// <summary>The CRM's configuration cannot work: the message lists every problem and what to set instead.</summary>
public sealed class CrmConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public CrmConfigurationException(IReadOnlyList<string> problems)
        : base("MinimalCrm cannot start. Fix the configuration:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message.</summary>
    public CrmConfigurationException(string message) : this([message])
    {
    }

    /// <summary>Creates the exception (for serializers and tools).</summary>
    public CrmConfigurationException() : this([])
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CrmConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, with what to fix.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
