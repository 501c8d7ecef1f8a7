using System.Globalization;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>Command line of the benchmark; every option has a default that reproduces docs/benchmarks-group-commit.md.</summary>
public sealed record BenchmarkOptions
{
    public int Bookings { get; init; } = 2000;

    public int Concurrency { get; init; } = 128;

    public int WarmUp { get; init; } = 100;

    /// <summary>Each round runs every mode once; the order alternates between rounds so drift hits both alike.</summary>
    public int Rounds { get; init; } = 1;

    public IReadOnlyList<StorageKind> Storages { get; init; } = [StorageKind.PostgreSql];

    public bool Build { get; init; } = true;

    /// <summary>When set, the waitlist benchmark runs instead: this many joins into one growing waitlist partition.</summary>
    public int? WaitlistJoins { get; init; }

    /// <summary>Optional Markdown file the result table is written to.</summary>
    public string? MarkdownOut { get; init; }

    public const string Usage = """
        usage: dotnet run -c Release --project load-tests/Scheduler.GroupCommitBenchmark -- [options]

          --bookings N       measured bookings per mode, all on one hot day (default 2000)
          --concurrency C    bookings in flight (default 128)
          --warm-up W        unmeasured bookings first, same day (default 100)
          --rounds R         repeat both modes R times, alternating their order (default 1)
          --storage S        postgres, sqlite or both (default postgres)
          --no-build         use the existing Release build of src/Scheduler.Api
          --markdown FILE    also write the result table as Markdown
          --waitlist-joins N instead: N waitlist joins into one partition, join p50/p99 of the first and last 5,000
        """;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number");
            options = args[i] switch
            {
                "--bookings" => options with { Bookings = Number() },
                "--concurrency" => options with { Concurrency = Number() },
                "--warm-up" => options with { WarmUp = Number() },
                "--rounds" => options with { Rounds = Number() },
                "--storage" => options with
                {
                    Storages = Value() switch
                    {
                        "postgres" => [StorageKind.PostgreSql],
                        "sqlite" => [StorageKind.Sqlite],
                        "both" => [StorageKind.PostgreSql, StorageKind.Sqlite],
                        var other => throw new ArgumentException($"--storage must be postgres, sqlite or both, not '{other}'"),
                    },
                },
                "--no-build" => options with { Build = false },
                "--markdown" => options with { MarkdownOut = Value() },
                "--waitlist-joins" => options with { WaitlistJoins = Number() },
                var other => throw new ArgumentException($"unknown option '{other}'"),
            };
        }

        return options;
    }
}
