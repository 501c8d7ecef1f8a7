namespace Scheduler.LoadTests.Hosting;

/// <summary>A scheduler the load is aimed at; disposing it stops what the tool started.</summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>One or more front doors; applicants are spread over them.</summary>
    IReadOnlyList<Uri> BaseUris { get; }

    /// <summary>A bearer token with the operator role, when the tool has one.</summary>
    string? OperatorToken { get; }

    /// <summary>How the target was reached, for the report.</summary>
    string Description { get; }

    /// <summary>The processes that serve it (and its database), when known: their CPU and memory go into the report.</summary>
    IReadOnlyList<Measurement.WatchedProcess> Processes() => [];
}
