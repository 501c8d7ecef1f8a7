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

    /// <summary>Overrides the scenario's <c>warmupSeconds</c> (applied after <c>--duration</c> stretching).</summary>
    public double? WarmupSeconds { get; init; }
    public double StartupTimeoutSeconds { get; init; } = 600;

    /// <summary>
    /// Seconds of priming traffic before the scenario (0: none): the scenario's journeys for another
    /// procedure, so that a just-started scheduler has compiled its hot paths before anything is measured.
    /// </summary>
    public double PrimeSeconds { get; init; }

    /// <summary><c>opening-rush</c>: admissions per second (default: three quarters of the arrival rate).</summary>
    public double? AdmitPerSecond { get; init; }
    public bool PlainProgress { get; init; }
    public bool SkipAudit { get; init; }

    /// <summary>Overrides the scenario's <c>client.maxConnections</c> (connections per front door).</summary>
    public int? Connections { get; init; }

    /// <summary>With <see cref="Embedded"/>: keep grain state in this PostgreSQL database (Npgsql connection string).</summary>
    public string? Postgres { get; init; }

    /// <summary>More processes whose CPU and memory the report shows (a scheduler started by hand).</summary>
    public IReadOnlyList<int> WatchPids { get; init; } = [];

    /// <summary>The data directory of a PostgreSQL server whose CPU and memory the report shows.</summary>
    public string? WatchPgDirectory { get; init; }

    /// <summary>Share of arrivals that are slot-grabbing scripts (<c>--bots F</c>, 0..1); 0: none.</summary>
    public double BotShare { get; init; }

    /// <summary>
    /// The allocation modes to run, in order (<c>--allocation</c>); empty: leave the procedure's mode as it is.
    /// <c>both</c> is first-come then batch, each on fresh state.
    /// </summary>
    public IReadOnlyList<string> AllocationModes { get; init; } = [];

    /// <summary>In batch mode, do not set regional reserves (<c>--no-reserves</c>, for comparison).</summary>
    public bool NoReserves { get; init; }

    public const string DefaultUrl = "http://127.0.0.1:5080/";
}
