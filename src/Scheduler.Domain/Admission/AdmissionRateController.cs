namespace Scheduler.Domain.Admission;

/// <summary>
/// The admission rate in force, steered by what admitted people's bookings meet (additive increase, multiplicative
/// decrease, as TCP steers a window): front doors report how many bookings they answered and how many of those were slow
/// (over their latency target) or refused as overloaded; when more than <see cref="AdmissionRateRule.SlowShare"/> of the
/// bookings of the last <see cref="AdmissionRateRule.Window"/> were, the rate is cut by
/// <see cref="AdmissionRateRule.Decrease"/>, and it climbs back by <see cref="AdmissionRateRule.IncreasePerSecond"/> of
/// the configured rate per second while they are not, never above the configured rate nor below its floor. A cut is
/// followed by a window without cuts: the bookings reported meanwhile come from people admitted at the old rate.
/// Not thread-safe: its grain calls it one turn at a time.
/// </summary>
public sealed class AdmissionRateController
{
    private readonly AdmissionRateRule rule;
    private readonly TimeProvider clock;
    private readonly Queue<(DateTimeOffset At, int Bookings, int Slow)> reports = new();
    private double configured;
    private DateTimeOffset lastStep;
    private DateTimeOffset noCutBefore;

    public AdmissionRateController(AdmissionRateRule rule, TimeProvider clock, double configured)
    {
        this.rule = rule;
        this.clock = clock;
        Configure(configured);
    }

    /// <summary>The rate in force (admissions per second).</summary>
    public double Rate { get; private set; }

    /// <summary>Cuts since the controller was made (for the status and the tests).</summary>
    public int Cuts { get; private set; }

    /// <summary>Slow (or overloaded) bookings over those reported within the window now.</summary>
    public (int Bookings, int Slow) Recent
    {
        get
        {
            Forget(clock.GetUtcNow());
            return (reports.Sum(r => r.Bookings), reports.Sum(r => r.Slow));
        }
    }

    /// <summary>An operator's rate: it is in force at once, and what was reported about the old one is forgotten.</summary>
    public void Configure(double rate)
    {
        configured = rate;
        Rate = rate;
        reports.Clear();
        lastStep = noCutBefore = clock.GetUtcNow();
    }

    /// <summary>A front door's report: <paramref name="bookings"/> answered, <paramref name="slow"/> of them slow or refused as overloaded.</summary>
    public void Observe(int bookings, int slow)
    {
        if (bookings > 0 || slow > 0)
        {
            reports.Enqueue((clock.GetUtcNow(), bookings, Math.Min(slow, bookings)));
        }
    }

    /// <summary>Moves the rate (at most once per <see cref="AdmissionRateRule.Step"/>) and answers the rate in force.</summary>
    public double Adjust()
    {
        var now = clock.GetUtcNow();
        var elapsed = now - lastStep;
        if (elapsed < AdmissionRateRule.Step)
        {
            return Rate;
        }

        lastStep = now;
        var (bookings, slow) = Recent;
        // Two slow bookings at least: one slow answer among a handful says nothing about a percentile.
        var tooSlow = slow >= 2 && slow > rule.SlowShare * bookings;
        if (tooSlow)
        {
            if (now >= noCutBefore)
            {
                Rate = Math.Max(rule.FloorShare * configured, Rate * rule.Decrease);
                noCutBefore = now + rule.Window;
                Cuts++;
            }
        }
        else
        {
            Rate = Math.Min(configured, Rate + (rule.IncreasePerSecond * configured * Math.Min(elapsed.TotalSeconds, 5)));
        }

        return Rate;
    }

    private void Forget(DateTimeOffset now)
    {
        while (reports.TryPeek(out var old) && now - old.At >= rule.Window)
        {
            reports.Dequeue();
        }
    }
}
