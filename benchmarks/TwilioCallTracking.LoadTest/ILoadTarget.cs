using TwilioCallTracking.Testing;

namespace TwilioCallTracking.LoadTest;

/// <summary>What the load is posted to: one in-process server (<see cref="LoadServer"/>) or N host processes (<see cref="HostGroup"/>).</summary>
internal interface ILoadTarget : IAsyncDisposable
{
    string Mode { get; }

    /// <summary>How many webhook hosts share the load.</summary>
    int Hosts { get; }

    /// <summary>Each host's base address (with a trailing slash); webhook i goes to host i mod <see cref="Hosts"/>.</summary>
    IReadOnlyList<Uri> BaseAddresses { get; }

    /// <summary><c>sqlite</c>, <c>postgres</c> or null (nothing is stored).</summary>
    string? Database { get; }

    string? ConnectionString { get; }

    bool Stores => Database is not null;

    /// <summary>The path each kind of webhook is posted to in this mode.</summary>
    string Route(string kind) => Mode switch
    {
        "validate" => "/api/twilio/voice/noop",
        _ => "/api/twilio/voice/" + kind,
    };

    /// <summary>Creates the workload's calls as the library does when it places an outbound call (queued, SID known).</summary>
    Task SeedAsync(TestTenant tenant, IReadOnlyList<PlannedCall> calls);

    /// <summary>A line about injected faults, the sweeper's work and the like; empty when there is nothing to say.</summary>
    Task<string> DescribeAsync();
}
