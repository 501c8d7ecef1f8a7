namespace Scheduler.LoadTests.Cli;

/// <summary>What the command line asked for.</summary>
public sealed record RunOptions
{
    public required string Scenario { get; init; }
    public double RateScale { get; init; } = 1;
    public double? DurationSeconds { get; init; }
    public IReadOnlyList<Uri> Urls { get; init; } = [];
    public bool Embedded { get; init; }
    public int? ClusterSilos { get; init; }
    public string? OutDirectory { get; init; }
    public string? Token { get; init; }
    public int? Seed { get; init; }
    public int? MaxInFlight { get; init; }
    public double StartupTimeoutSeconds { get; init; } = 600;
    public bool PlainProgress { get; init; }
    public bool SkipAudit { get; init; }

    public const string DefaultUrl = "http://127.0.0.1:5080/";
}
