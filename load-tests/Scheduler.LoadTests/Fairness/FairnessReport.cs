using System.Globalization;

namespace Scheduler.LoadTests.Fairness;

/// <summary>
/// The fairness figures as rows (one column per mode) and the targets they are held to: in batch mode bots take
/// at most 1.1 times their share of arrivals; with reserves the far homes' share of seats is within 5 % (relative)
/// of their share of demand; at least 99 % of those who asked before the deadline were served near home before it
/// or filed in time.
/// </summary>
public static class FairnessReport
{
    public const double BotAdvantageLimit = 1.1;
    public const double FarRelativeGapLimit = 0.05;
    public const double FiledInTimeFloor = 0.99;

    /// <summary>Figure names and how each mode's figures show them.</summary>
    public static IReadOnlyList<(string Figure, Func<FairnessFigures, string> Show)> Rows { get; } =
    [
        ("reserves", f => f.Mode == AllocationMode.Batch ? (f.Reserves ? "on" : "off") : "-"),
        ("arrivals (bots)", f => Inv($"{f.Arrivals:N0} ({f.BotArrivals:N0})")),
        ("seats held at the end (by bots)", f => Inv($"{f.Seats:N0} ({f.BotSeats:N0})")),
        ("botArrivalShare", f => Inv($"{f.BotArrivalShare:0.000}")),
        ("botSeatShare", f => Inv($"{f.BotSeatShare:0.000}")),
        ("bots' seat share / arrival share", f => f.BotArrivalShare > 0 ? Inv($"{f.BotAdvantage:0.00}x") : "-"),
        ("farDemandShare", f => Inv($"{f.FarDemandShare:0.000}")),
        ("farSeatShare", f => Inv($"{f.FarSeatShare:0.000}")),
        ("far seat share vs demand (relative)", f => f.FarDemandShare > 0 ? Inv($"{(f.FarSeatShare / f.FarDemandShare) - 1:+0.0%;-0.0%;0.0%}") : "-"),
        ("filedInTimeShare", f => Inv($"{f.FiledInTimeShare:0.000}")),
        ("peopleServedShare", f => Inv($"{f.PeopleServedShare:0.000}")),
    ];

    /// <summary>The targets as they apply to <paramref name="f"/>: the bot and far targets only in batch mode (the far one only with reserves).</summary>
    public static IReadOnlyList<FairnessTarget> Targets(FairnessFigures f)
    {
        var batch = f.Mode == AllocationMode.Batch;
        return
        [
            new("bots", Inv($"botSeatShare <= {BotAdvantageLimit} x botArrivalShare (batch)"),
                Inv($"{f.BotSeatShare:0.000} vs {f.BotArrivalShare:0.000} ({f.BotAdvantage:0.00}x)"),
                batch && f.BotArrivals > 0 ? f.BotSeatShare <= BotAdvantageLimit * f.BotArrivalShare : null),
            new("far from the capital", Inv($"farSeatShare within {FarRelativeGapLimit:0%} of farDemandShare (batch, reserves)"),
                Inv($"{f.FarSeatShare:0.000} vs {f.FarDemandShare:0.000} ({f.FarRelativeGap:0.0%} apart)"),
                batch && f.Reserves && f.FarArrivals > 0 ? f.FarRelativeGap <= FarRelativeGapLimit : null),
            new("asked before the deadline", Inv($"filedInTimeShare >= {FiledInTimeFloor}"),
                Inv($"{f.FiledInTimeShare:0.000}"),
                f.AskedBeforeDeadline > 0 ? f.FiledInTimeShare >= FiledInTimeFloor : null),
        ];
    }

    /// <summary>Plain text lines: one per figure, a column per mode, then each mode's targets.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyDictionary<string, FairnessFigures> byMode)
    {
        var lines = new List<string> { "fairness: " + string.Join(" | ", byMode.Keys) };
        foreach (var (figure, show) in Rows)
        {
            lines.Add($"  {figure}: {string.Join(" | ", byMode.Values.Select(show))}");
        }

        foreach (var (mode, figures) in byMode)
        {
            foreach (var t in Targets(figures).Where(t => t.Met is not null))
            {
                lines.Add($"  target ({mode}) {t.Goal}: {t.Measured} - {(t.Met == true ? "met" : "missed")}");
            }
        }

        return lines;
    }

    /// <summary>The figures of a run, beside those of the other modes run with it (when there are any).</summary>
    public static IReadOnlyDictionary<string, FairnessFigures> Columns(FairnessFigures own, IReadOnlyDictionary<string, FairnessFigures>? byMode) =>
        byMode is { Count: > 0 } ? byMode : new Dictionary<string, FairnessFigures> { [own.Mode ?? "as configured"] = own };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
