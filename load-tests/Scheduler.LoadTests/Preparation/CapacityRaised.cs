using System.Globalization;
using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Preparation;

/// <summary>What one capacity raise of a scenario's <c>prepare</c> section asked for and what the scheduler changed.</summary>
public sealed record CapacityRaised
{
    public required string OfficeId { get; init; }
    public required CapacityRequest Request { get; init; }

    /// <summary>Days whose plan changed and that are open (have seats), in date order.</summary>
    public required IReadOnlyList<OpenedDay> Opened { get; init; }

    /// <summary>Days whose plan changed, open or not.</summary>
    public required int ChangedDays { get; init; }

    public required int Relocated { get; init; }

    public required int Unplaced { get; init; }

    /// <summary>Reads the scheduler's answer to <paramref name="request"/>.</summary>
    public static CapacityRaised From(string officeId, CapacityRequest request, CapacityChangeView answer)
    {
        var changed = (answer.ChangedDays ?? []).Where(d => d.Procedure == request.Procedure).ToList();
        return new CapacityRaised
        {
            OfficeId = officeId,
            Request = request,
            ChangedDays = changed.Count,
            Opened = changed
                .Where(d => d.Capacity > 0 && d.Slots is { Count: > 0 })
                .OrderBy(d => d.Date, StringComparer.Ordinal)
                .Select(d => new OpenedDay(d.Date, d.Slots!.Select(s => s.Start).Min(StringComparer.Ordinal)!, d.Capacity))
                .ToList(),
            Relocated = answer.Relocated?.Count ?? 0,
            Unplaced = answer.Unplaced?.Count ?? 0,
        };
    }

    /// <summary>One line for the console and the reports.</summary>
    public string Describe()
    {
        var r = Request;
        var asked = F($"{OfficeId} {r.Procedure} {r.From}..{r.To}")
            + (r.Weekdays is { Length: > 0 } days ? " on " + string.Join(",", days) : " every day")
            + (r.Open is not null ? F($" {r.Open}-{r.Close}") : "")
            + F($" to {r.Counters} counters");
        if (ChangedDays == 0)
        {
            return asked + ": nothing changed (already in effect, or outside the booking window)";
        }

        var seats = Opened.Sum(d => (long)d.Seats);
        var perDay = Opened.Count == 0 ? "" : Opened.Min(d => d.Seats) == Opened.Max(d => d.Seats)
            ? F($"{Opened[0].Seats:#,0} seats a day")
            : F($"{Opened.Min(d => d.Seats):#,0}-{Opened.Max(d => d.Seats):#,0} seats a day");
        var open = Opened.Count == 0
            ? "none open"
            : F($"{Opened.Count} open ({Opened[0].Date}..{Opened[^1].Date}), {perDay}, {seats:#,0} seats in all");
        return asked + F($": {ChangedDays} days changed, {open}; {Relocated} appointments relocated, {Unplaced} left without a seat");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
