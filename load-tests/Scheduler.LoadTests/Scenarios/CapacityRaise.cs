using System.Globalization;
using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Scenarios;

/// <summary>
/// One capacity change the tool makes before the arrivals: <see cref="Counters"/> counters (and, given
/// both, the hours <see cref="Open"/>-<see cref="Close"/>) for a procedure at an office, on the days from
/// <see cref="FromDaysAhead"/> to <see cref="ThroughDaysAhead"/> after today (office local), on
/// <see cref="Weekdays"/> (all days when empty). The scheduler applies a change only inside its booking
/// window (<c>Scheduler:Booking:HorizonDays</c>, 56 by default), so the default range covers all of it.
/// </summary>
public sealed record CapacityRaise
{
    /// <summary>The scheduler's default booking window, in days after today (<c>Scheduler:Booking:HorizonDays</c>).</summary>
    public const int DefaultHorizonDays = 56;

    /// <summary>The API's limit on counters per procedure and day.</summary>
    public const int MaxCounters = 500;

    /// <summary>The API's limit on the span of one change, in days.</summary>
    public const int MaxSpanDays = 366;

    private static readonly string[] WeekdayNames = Enum.GetNames<DayOfWeek>().Select(n => n.ToLowerInvariant()).ToArray();

    public required string OfficeId { get; init; }

    /// <summary>The procedure; the scenario's own when absent.</summary>
    public string? Procedure { get; init; }

    public int Counters { get; init; }

    /// <summary>Opening time ("HH:mm"); with <see cref="Close"/>, replaces the office's hours on those days.</summary>
    public string? Open { get; init; }

    public string? Close { get; init; }

    /// <summary>Weekday names (<c>monday</c> .. <c>sunday</c>); empty: every day of the week.</summary>
    public IReadOnlyList<string> Weekdays { get; init; } = [];

    public int FromDaysAhead { get; init; }

    public int ThroughDaysAhead { get; init; } = DefaultHorizonDays;

    /// <summary>
    /// Whether the scheduler may move appointments that lose their seat (a new slot grid can drop a booked
    /// slot). Off by default: a preparation that would move someone's appointment is refused, and the run with it.
    /// </summary>
    public bool Relocate { get; init; }

    /// <summary>
    /// Counter-minutes a day this raise plans on each of the weekdays it covers (all seven when it names none), or null
    /// when it changes counters without saying the hours (the office's own then, which the scenario does not know).
    /// </summary>
    public IReadOnlyDictionary<DayOfWeek, double>? CounterMinutesByWeekday()
    {
        double minutes;
        if (Counters == 0)
        {
            minutes = 0;
        }
        else if (Time(Open ?? "") is { } open && Time(Close ?? "") is { } close && close > open)
        {
            minutes = Counters * (close - open).TotalMinutes;
        }
        else
        {
            return null;
        }

        var days = Weekdays.Count == 0
            ? Enum.GetValues<DayOfWeek>()
            : Weekdays.Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true)).Distinct().ToArray();
        return days.ToDictionary(d => d, _ => minutes);
    }

    /// <summary>The procedure this raise changes, given the scenario's.</summary>
    public string ProcedureOr(string scenarioProcedure) => string.IsNullOrWhiteSpace(Procedure) ? scenarioProcedure : Procedure;

    /// <summary>The body of the <c>PUT .../capacity</c> request for a run whose office-local date is <paramref name="today"/>.</summary>
    public CapacityRequest ToRequest(string scenarioProcedure, DateOnly today, string reason) => new(
        ProcedureOr(scenarioProcedure),
        Iso(today.AddDays(FromDaysAhead)),
        Iso(today.AddDays(ThroughDaysAhead)),
        Weekdays.Count == 0 ? null : Weekdays.Select(d => d.ToLowerInvariant()).ToArray(),
        Open,
        Close,
        Counters,
        reason,
        Relocate);

    /// <summary>
    /// Everything wrong with this raise, as readable sentences naming <paramref name="path"/>. With
    /// <paramref name="mayClose"/> (the plan before the run), 0 counters is allowed: the procedure is not served on
    /// those days, so a small office can serve it on a few weekdays only. A release during the run only adds seats.
    /// </summary>
    public IEnumerable<string> Problems(string path, bool mayClose = false)
    {
        if (string.IsNullOrWhiteSpace(OfficeId))
        {
            yield return $"{path}.officeId is required";
        }

        var fewest = mayClose ? 0 : 1;
        if (Counters < fewest || Counters > MaxCounters)
        {
            yield return $"{path}.counters must lie within {fewest}..{MaxCounters}";
        }

        if ((Open is null) != (Close is null))
        {
            yield return $"{path}.open and close go together";
        }
        else if (Open is not null)
        {
            var open = Time(Open);
            var close = Time(Close!);
            if (open is null || close is null)
            {
                yield return $"{path}.open and close must be times (HH:mm)";
            }
            else if (close <= open)
            {
                yield return $"{path}.close must be after open";
            }
        }

        foreach (var day in Weekdays.Where(d => !WeekdayNames.Contains(d.ToLowerInvariant())))
        {
            yield return $"{path}.weekdays: '{day}' is not a weekday name (monday .. sunday)";
        }

        if (FromDaysAhead < 0 || ThroughDaysAhead < FromDaysAhead)
        {
            yield return $"{path}: fromDaysAhead must be at least 0 and throughDaysAhead not before it";
        }
        else if (ThroughDaysAhead - FromDaysAhead > MaxSpanDays)
        {
            yield return $"{path}: the range may span at most {MaxSpanDays} days";
        }
    }

    private static TimeOnly? Time(string text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
