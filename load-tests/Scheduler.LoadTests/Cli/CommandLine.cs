using System.Globalization;
using Scheduler.LoadTests.Fairness;
using Scheduler.LoadTests.Hosting;

namespace Scheduler.LoadTests.Cli;

/// <summary>Reads <c>&lt;scenario&gt; [options]</c>; any mistake is a readable message (exit code 2).</summary>
public static class CommandLine
{
    public const string Usage = """
        usage: dotnet run -c Release --project load-tests/Scheduler.LoadTests -- <scenario> [options]

          <scenario>            a shipped scenario (smoke, cpp-final-week, slot-release, hot-office, hot-office-peak,
                                booking-peak, availability-peak, cpp-final-week-scarce) or a path to a .json file, or opening-rush
                                (the waiting room: 200,000 x --rate-scale people over --duration, default 60 s)

        target (one of; default --url http://127.0.0.1:5080):
          --url URL[,URL...]    a scheduler already running on this machine (loopback addresses only)
          --embedded            start src/Scheduler.Api with a temporary SQLite file, stop it at the end
            --pg CONNSTRING     ... with grain state in this PostgreSQL database instead (own service id per run)
          --cluster N           scripts/cluster.sh up --silos N --apis 2, and down at the end

        options:
          --rate-scale X        multiply every arrival rate by X (default 1)
          --admit-rate N        opening-rush: the waiting room admits N people a second (default: three
                                quarters of the arrival rate)
          --duration D          stretch the scenario to D (seconds, or 90s, 5m, 1h)
          --out DIR             report folder (default load-tests/reports/<scenario>-<timestamp>)
          --token JWT           operator bearer token (with --url): the audit's roster reads, and the capacity
                                changes of a scenario's prepare section (booking-peak)
          --seed N              override the scenario's random seed
          --max-in-flight N     override the scenario's cap on applicants in flight
          --warmup S            requests meant to start in the first S seconds are left out of the steady
                                figures (default: the scenario's warmupSeconds)
          --connections N       override the scenario's client.maxConnections (per front door)
          --watch-pid PID[,PID] also report CPU and peak memory of these processes (a scheduler you started)
          --watch-pg DIR        also report CPU and memory of the PostgreSQL server with this data directory
          --startup-timeout S   seconds to wait for a started scheduler to be ready (default 600)
          --prime S             before the scenario, S seconds of the same journeys for another procedure
                                (own report in <out>/prime, not in the figures), so that a just-started
                                scheduler is past its start-up compilation when measuring begins
          --bots F              a share F (0..1) of arrivals are slot-grabbing scripts: they poll as fast as the
                                server's 429s allow, book the instant a seat shows, share an operator's address
                                across a pool of identities and never give up (in batch mode: file a request each)
          --allocation MODE     first-come, batch or both: set the procedure's allocation mode through the
                                operator API before the run; both runs the scenario twice on fresh state
          --no-reserves         in batch mode, no regional reserves (the default reserves, for homes far from
                                the capital, what the far offices' own seats leave of their demand share)
          --plain               periodic plain lines instead of the live table
          --skip-audit          do not audit the target after the run
          --help                this text

        exit codes: 0 ok, 1 audit failed, 2 bad arguments or target not reachable
        """;

    /// <summary>Options, or null with an error (or null error for <c>--help</c>).</summary>
    public static (RunOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? scenario = null;
        var options = new RunOptions { Scenario = "" };
        var targets = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new FormatException($"{arg} needs a value");
                }

                return args[++i];
            }

            try
            {
                switch (arg)
                {
                    case "--help" or "-h":
                        return (null, null);
                    case "--rate-scale":
                        options = options with { RateScale = PositiveNumber(arg, Value()) };
                        break;
                    case "--admit-rate":
                        options = options with { AdmitPerSecond = PositiveNumber(arg, Value()) };
                        break;
                    case "--duration":
                        options = options with { DurationSeconds = Duration(Value()) };
                        break;
                    case "--url":
                        targets++;
                        options = options with { Urls = Urls(Value()) };
                        break;
                    case "--embedded":
                        targets++;
                        options = options with { Embedded = true };
                        break;
                    case "--cluster":
                        targets++;
                        options = options with { ClusterSilos = (int)PositiveInteger(arg, Value()) };
                        break;
                    case "--out":
                        options = options with { OutDirectory = Value() };
                        break;
                    case "--token":
                        options = options with { Token = Value() };
                        break;
                    case "--seed":
                        options = options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) };
                        break;
                    case "--max-in-flight":
                        options = options with { MaxInFlight = (int)PositiveInteger(arg, Value()) };
                        break;
                    case "--prime":
                        options = options with { PrimeSeconds = NonNegativeNumber(arg, Value()) };
                        break;
                    case "--startup-timeout":
                        options = options with { StartupTimeoutSeconds = PositiveNumber(arg, Value()) };
                        break;
                    case "--bots":
                        options = options with { BotShare = Share(arg, Value()) };
                        break;
                    case "--allocation":
                        options = options with { AllocationModes = ParseAllocation(Value()) };
                        break;
                    case "--no-reserves":
                        options = options with { NoReserves = true };
                        break;
                    case "--plain":
                        options = options with { PlainProgress = true };
                        break;
                    case "--skip-audit":
                        options = options with { SkipAudit = true };
                        break;
                    case "--warmup":
                        options = options with { WarmupSeconds = NonNegativeNumber(arg, Value()) };
                        break;
                    case "--connections":
                        options = options with { Connections = (int)PositiveInteger(arg, Value()) };
                        break;
                    case "--pg":
                        options = options with { Postgres = Value() };
                        break;
                    case "--watch-pid":
                        options = options with
                        {
                            WatchPids = [.. options.WatchPids, .. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => (int)PositiveInteger(arg, p))],
                        };
                        break;
                    case "--watch-pg":
                        options = options with { WatchPgDirectory = Value() };
                        break;
                    default:
                        if (arg.StartsWith('-'))
                        {
                            return (null, $"unknown option {arg}");
                        }

                        if (scenario is not null)
                        {
                            return (null, $"one scenario only (got '{scenario}' and '{arg}')");
                        }

                        scenario = arg;
                        break;
                }
            }
            catch (FormatException e)
            {
                return (null, e.Message);
            }
            catch (OverflowException)
            {
                return (null, $"{arg}: number out of range");
            }
        }

        if (scenario is null)
        {
            return (null, "name a scenario");
        }

        if (targets > 1)
        {
            return (null, "--url, --embedded and --cluster exclude each other");
        }

        if (options.Token is not null && (options.Embedded || options.ClusterSilos is not null))
        {
            return (null, "--token is for --url targets; the tool makes its own token when it starts the scheduler");
        }

        if (options.Postgres is not null && !options.Embedded)
        {
            return (null, "--pg goes with --embedded (a cluster always uses its own PostgreSQL)");
        }

        if (options.NoReserves && !options.AllocationModes.Contains(AllocationMode.Batch))
        {
            return (null, "--no-reserves goes with --allocation batch or both (reserves are only set in batch mode)");
        }

        if (options.AllocationModes.Count > 1 && !options.Embedded && options.ClusterSilos is null)
        {
            return (null, "--allocation both needs a target the tool starts (--embedded or --cluster): each mode runs on fresh state");
        }

        if (targets == 0)
        {
            options = options with { Urls = [new Uri(RunOptions.DefaultUrl)] };
        }

        return (options with { Scenario = scenario }, null);
    }

    /// <summary>Seconds from <c>90</c>, <c>90s</c>, <c>5m</c> or <c>1h</c>.</summary>
    public static double Duration(string text)
    {
        var factor = 1.0;
        var number = text;
        if (text.EndsWith('s'))
        {
            number = text[..^1];
        }
        else if (text.EndsWith('m'))
        {
            (number, factor) = (text[..^1], 60);
        }
        else if (text.EndsWith('h'))
        {
            (number, factor) = (text[..^1], 3600);
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0))
        {
            throw new FormatException($"--duration: '{text}' is not a positive duration (e.g. 90, 90s, 5m)");
        }

        return value * factor;
    }

    private static IReadOnlyList<string> ParseAllocation(string text) => text switch
    {
        AllocationMode.FirstCome => [AllocationMode.FirstCome],
        AllocationMode.Batch => [AllocationMode.Batch],
        "both" => [AllocationMode.FirstCome, AllocationMode.Batch],
        _ => throw new FormatException($"--allocation: '{text}' is not first-come, batch or both"),
    };

    private static double Share(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and < 1
            ? v
            : throw new FormatException($"{option}: '{text}' is not a share from 0 to below 1");

    private static List<Uri> Urls(string text)
    {
        var uris = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"--url: '{part}' is not an http(s) URL");
            }

            if (!LoopbackAddress.IsLoopback(uri))
            {
                throw new FormatException($"--url: '{part}' is not on this machine; load is only sent to loopback addresses");
            }

            uris.Add(new Uri(part.TrimEnd('/') + "/"));
        }

        return uris.Count > 0 ? uris : throw new FormatException("--url needs at least one URL");
    }

    private static double PositiveNumber(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && !double.IsInfinity(v)
            ? v
            : throw new FormatException($"{option}: '{text}' is not a positive number");

    private static double NonNegativeNumber(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && !double.IsInfinity(v)
            ? v
            : throw new FormatException($"{option}: '{text}' is not a non-negative number");

    private static long PositiveInteger(string option, string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 && v <= int.MaxValue
            ? v
            : throw new FormatException($"{option}: '{text}' is not a positive integer");
}
