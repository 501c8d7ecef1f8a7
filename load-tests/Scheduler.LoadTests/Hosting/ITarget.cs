namespace Scheduler.LoadTests.Hosting;

/// <summary>A scheduler the load is aimed at; disposing it stops what the tool started.</summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>Whom the tool's own operator token names (<c>--embedded</c>, <c>--cluster</c>): its capacity raises are audited under it.</summary>
    const string OperatorName = "load-test-operator";

    /// <summary>One or more front doors; applicants are spread over them.</summary>
    IReadOnlyList<Uri> BaseUris { get; }

    /// <summary>A bearer token with the operator role, when the tool has one.</summary>
    string? OperatorToken { get; }

    /// <summary>
    /// Where its <c>/metrics</c> are read before and after a run: the front doors, and the silos when they
    /// are processes of their own (their commit pipeline and grain storage are measured there).
    /// </summary>
    IReadOnlyList<Uri> MetricsUris => BaseUris;

    /// <summary>How the target was reached, for the report.</summary>
    string Description { get; }

    /// <summary>The processes that serve it (and its database), when known: their CPU and memory go into the report.</summary>
    IReadOnlyList<Measurement.WatchedProcess> Processes() => [];
}
