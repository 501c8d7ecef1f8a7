using System.Globalization;
using System.Text;

namespace Scheduler.LoadTests.Rush;

/// <summary>
/// The figures of an opening rush, against the issue's targets: ETA error, admission order against arrival order,
/// scripts' share of admissions against their share of arrivals, people never admitted, booking p99 for the
/// admitted, and poll throughput.
/// </summary>
public sealed record RushReport(
    int Arrived, int Joined, int Admitted, int NeverAdmitted, int JoinFailed,
    double EtaErrorAtJoinP50, double EtaErrorAtJoinP90, double EtaErrorAllP50, double EtaErrorAllP90, int EtaJudged,
    double EtaAbsP50, double EtaAbsP90, double EtaLateP50, double EtaLateP90, int EtaLateJudged,
    double InvertedPairShare, double OvertakenShare, int LateJudged, bool EarlyBeforeLate, int EarlyCount, double EarlyRankCorrelation,
    double BotArrivalShare, double BotAdmissionShare, int BotChallenges,
    int Bookings, double BookingP50, double BookingP99, IReadOnlyDictionary<int, int> BookingStatuses,
    long Polls, long PollsLimited, long JoinsLimited, double PollsPerSecond, PollBurst Burst, double RushSeconds, double AdmitPerSecond)
{
    // Relative ETA errors are judged on waits of at least this long (a 0.4 s miss on a 1 s wait says little).
    private const double JudgedWaitSeconds = 10;

    // Bookings' latency over time is shown in windows of this length, beside the admissions of the same window.
    private const double TimelineSeconds = 10;

    /// <summary>People's bookings only (scripts book through their own connections, queued behind their flat-out polls).</summary>
    public (int Count, double P50, double P99) PeopleBookings { get; init; }

    /// <summary>Scripts' bookings only.</summary>
    public (int Count, double P50, double P99) ScriptBookings { get; init; }

    /// <summary>Per window of the run: admissions, bookings sent, and the people's booking latency p50 / p99 (ms).</summary>
    public IReadOnlyList<(double From, int Admitted, int Bookings, double P50, double P99)> Timeline { get; init; } = [];

    /// <summary>The server's own request durations and counters over the rush (null: not read).</summary>
    public Metrics.ServerMetrics? Server { get; init; }

    /// <summary>The scheduler's own histograms over the rush (upper bounds of the buckets holding each quantile).</summary>
    public IReadOnlyList<Metrics.HistogramDelta> Histograms { get; init; } = [];

    /// <summary>Where the CPU went during the rush (the tool, the scheduler, everyone else on the machine).</summary>
    public Measurement.ResourceFigures? Resources { get; init; }

    public static RushReport Build(IReadOnlyList<RushPerson> persons, RushCounters counters, double rushSeconds, double openingAt, double admitPerSecond, PollBurst burst)
    {
        var joined = persons.Where(p => p.JoinedAt is not null).ToArray();
        var admitted = joined.Where(p => p.AdmittedAt is not null).ToArray();

        // ETA error: the admission instant promised (answer instant + ETA) against the one that came, over the wait then left.
        var atJoin = new List<double>();
        var lateAtJoin = new List<double>();
        var all = new List<double>();
        var absolute = new List<double>();
        foreach (var p in admitted)
        {
            var first = p.Estimates[0];
            var wait = p.AdmittedAt!.Value - first.At;
            absolute.Add(Math.Abs(first.At + first.Eta - p.AdmittedAt.Value));
            if (wait >= JudgedWaitSeconds)
            {
                atJoin.Add(Math.Abs(first.At + first.Eta - p.AdmittedAt.Value) / wait);
                if (!p.Early)
                {
                    lateAtJoin.Add(atJoin[^1]);
                }
            }

            // Every answer of people only: a script's hundreds of polls a second would outweigh everyone else's.
            foreach (var (at, eta) in p.Bot ? [] : p.Estimates)
            {
                var left = p.AdmittedAt.Value - at;
                if (left >= JudgedWaitSeconds)
                {
                    all.Add(Math.Abs(at + eta - p.AdmittedAt.Value) / left);
                }
            }
        }

        // Order: people who came after the opening, by the instant their place was answered; a pair is inverted when the
        // later one went in strictly earlier (a tick's admissions share one instant).
        var late = admitted.Where(p => !p.Early).OrderBy(p => p.JoinedAt).ToArray();
        var inverted = Inversions(late.Select(p => p.AdmittedAt!.Value).ToArray());
        var pairs = (double)late.Length * (late.Length - 1) / 2;
        var early = admitted.Where(p => p.Early).ToArray();
        var earlyBeforeLate = early.Length == 0 || late.Length == 0 || early.Max(p => p.AdmittedAt) <= late.Min(p => p.AdmittedAt);

        var bookings = admitted.Where(p => p.BookingMs is not null).Select(p => p.BookingMs!.Value).Order().ToArray();
        (int, double, double) Latency(IEnumerable<RushPerson> who)
        {
            var ms = who.Where(p => p.BookingMs is not null).Select(p => p.BookingMs!.Value).ToArray();
            return (ms.Length, Percentile(ms, 50), Percentile(ms, 99));
        }

        var timeline = admitted
            .GroupBy(p => Math.Floor(p.AdmittedAt!.Value / TimelineSeconds) * TimelineSeconds)
            .Select(g => g.Key)
            .Concat(admitted.Where(p => p.BookingSentAt is not null).Select(p => Math.Floor(p.BookingSentAt!.Value / TimelineSeconds) * TimelineSeconds))
            .Distinct()
            .Order()
            .Select(from =>
            {
                var sent = admitted.Where(p => !p.Bot && p.BookingSentAt >= from && p.BookingSentAt < from + TimelineSeconds).ToArray();
                var (count, p50, p99) = Latency(sent);
                return (from, admitted.Count(p => p.AdmittedAt >= from && p.AdmittedAt < from + TimelineSeconds), count, p50, p99);
            })
            .ToList();
        return new RushReport(
            persons.Count, joined.Length, admitted.Length, persons.Count - admitted.Length, persons.Count(p => p.JoinedAt is null && p.Failure is not null),
            Percentile(atJoin, 50), Percentile(atJoin, 90), Percentile(all, 50), Percentile(all, 90), atJoin.Count,
            Percentile(absolute, 50), Percentile(absolute, 90), Percentile(lateAtJoin, 50), Percentile(lateAtJoin, 90), lateAtJoin.Count,
            pairs > 0 ? inverted / pairs : 0, late.Length > 0 ? (double)OvertakenByMoreThanASecond(late) / late.Length : 0, late.Length,
            earlyBeforeLate, early.Length, RankCorrelation(early),
            persons.Count > 0 ? (double)persons.Count(p => p.Bot) / persons.Count : 0,
            admitted.Length > 0 ? (double)admitted.Count(p => p.Bot) / admitted.Length : 0,
            persons.Sum(p => p.ChallengesSolved),
            bookings.Length, Percentile(bookings, 50), Percentile(bookings, 99),
            admitted.Where(p => p.BookingMs is not null).GroupBy(p => p.BookingStatus).ToDictionary(g => g.Key, g => g.Count()),
            counters.Polls, counters.PollsLimited, counters.JoinsLimited, counters.Polls / rushSeconds, burst, rushSeconds, admitPerSecond)
        {
            PeopleBookings = Latency(admitted.Where(p => !p.Bot)),
            ScriptBookings = Latency(admitted.Where(p => p.Bot)),
            Timeline = timeline,
        };
    }

    public string Markdown(string target, int crowd, double arrivalSeconds)
    {
        var s = new StringBuilder();
        string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
        static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        s.AppendLine($"# opening-rush: {crowd:N0} people over {F(arrivalSeconds, "0")} s").AppendLine();
        s.AppendLine($"Target: {target}. Admission {F(AdmitPerSecond, "0")}/s; run {F(RushSeconds, "0")} s.").AppendLine();
        s.AppendLine("| figure | measured | target |").AppendLine("|---|---|---|");
        s.AppendLine($"| arrivals / got a place / admitted / never admitted (no place by the end, or still waiting) / join refused | {Arrived:N0} / {Joined:N0} / {Admitted:N0} / {NeverAdmitted:N0} / {JoinFailed:N0} | |");
        s.AppendLine($"| ETA error at the first answer, p50 / p90 (waits ≥ 10 s, {EtaJudged:N0} people) | {F(EtaErrorAtJoinP50 * 100)} % / {F(EtaErrorAtJoinP90 * 100)} % | p90 ≤ 20 % |");
        s.AppendLine($"| ... of those who came after the opening ({EtaLateJudged:N0} people; before it, the early arrivals still to come are a forecast) | {F(EtaLateP50 * 100)} % / {F(EtaLateP90 * 100)} % | |");
        s.AppendLine($"| ETA error over every answer people got while waiting, p50 / p90 | {F(EtaErrorAllP50 * 100)} % / {F(EtaErrorAllP90 * 100)} % | |");
        s.AppendLine($"| ETA error at the first answer in seconds, p50 / p90 (every admitted) | {F(EtaAbsP50)} s / {F(EtaAbsP90)} s | |");
        s.AppendLine($"| admission against arrival (after the opening, {LateJudged:N0} people): inverted pairs / overtaken by someone ≥ 1 s later | {F(InvertedPairShare * 100, "0.000")} % / {F(OvertakenShare * 100, "0.00")} % | arrival order |");
        s.AppendLine($"| early arrivals ({EarlyCount:N0}): all in before any later arrival / rank correlation of arrival and admission | {(EarlyBeforeLate ? "yes" : "no")} / {F(EarlyRankCorrelation, "0.00")} | shuffled (≈ 0) |");
        s.AppendLine($"| scripts: share of arrivals / of admissions ({BotChallenges:N0} challenges solved) | {F(BotArrivalShare * 100)} % / {F(BotAdmissionShare * 100)} % | ≤ 1.1 × arrivals |");
        s.AppendLine($"| bookings by admitted people: p50 / p99 ({Bookings:N0}; {string.Join(", ", BookingStatuses.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value:N0}"))}) | {F(BookingP50)} ms / {F(BookingP99)} ms | p99 ≤ 100 ms |");
        s.AppendLine($"| ... people's bookings only: p50 / p99 ({PeopleBookings.Count:N0}) | {F(PeopleBookings.P50)} ms / {F(PeopleBookings.P99)} ms | p99 ≤ 100 ms |");
        s.AppendLine($"| ... scripts' bookings only: p50 / p99 ({ScriptBookings.Count:N0}) | {F(ScriptBookings.P50)} ms / {F(ScriptBookings.P99)} ms | |");
        foreach (var route in Server?.Routes.Where(r => r.Route.TrimEnd('/') is "/api/v1/appointments" or "/api/v1/admission/{ticket}" or "/api/v1/admission") ?? [])
        {
            s.AppendLine($"| server's own duration of {route.Method} {route.Route} ({route.Requests:N0}; histogram buckets): p50 / p90 / p99 | {F(route.P50Ms)} ms / {F(route.P90Ms)} ms / {F(route.P99Ms)} ms | |");
        }

        s.AppendLine($"| polls answered during the rush (and refused 429) | {Polls:N0} ({PollsLimited:N0}), {F(PollsPerSecond, "0")}/s | |");
        s.AppendLine($"| joins refused 429 (per-address limits) | {JoinsLimited:N0} | |");
        s.AppendLine($"| poll burst after the rush: 256 closed loops over every ticket, {F(Burst.Seconds, "0")} s | {F(Burst.AnsweredPerSecond, "0")} answered/s ({Burst.Limited:N0} refused 429) | ≥ 20,000/s |");
        if (Resources is { } resources)
        {
            s.AppendLine();
            if (resources.Machine is { } m)
            {
                s.AppendLine(I($"Machine during the rush: {m.Cores} cores, {m.BusyCores:0.00} busy on average over {m.WindowSeconds:0} s, {m.OtherCores:0.00} of them by processes neither the tool nor the scheduler (the machine is shared); 1-minute load average {m.LoadAverageBefore:0.0} before, {m.LoadAverageAfter:0.0} after."));
            }

            foreach (var p in resources.Processes)
            {
                s.AppendLine(I($"- {p.Name}: {p.Cores:0.00} cores ({p.CpuSeconds:0} CPU s), peak {p.PeakRssMb:0} MB"));
            }
        }

        if (Histograms.Count > 0)
        {
            s.AppendLine().AppendLine("| the scheduler's histogram | count | mean | p50 ≤ | p90 ≤ | p99 ≤ |").AppendLine("|---|---|---|---|---|---|");
            foreach (var h in Histograms.OrderBy(h => h.Name, StringComparer.Ordinal))
            {
                s.AppendLine(I($"| {h.Name} | {h.Count:0} | {h.Mean:0.0} | {h.P50:0.#} | {h.P90:0.#} | {h.P99:0.#} |"));
            }
        }

        if (Timeline.Count > 0)
        {
            s.AppendLine().AppendLine("| from (s) | admitted | people's bookings sent | p50 ms | p99 ms |").AppendLine("|---|---|---|---|---|");
            foreach (var (from, admittedCount, sent, p50, p99) in Timeline)
            {
                s.AppendLine(I($"| {from:0} | {admittedCount} | {sent} | {p50:0} | {p99:0} |"));
            }
        }

        return s.ToString();
    }

    private static int OvertakenByMoreThanASecond(RushPerson[] late)
    {
        // Someone is overtaken when a person whose place was answered more than 1 s after theirs went in before them.
        var count = 0;
        var laterMin = double.MaxValue;
        var j = late.Length - 1;
        for (var i = late.Length - 1; i >= 0; i--)
        {
            while (j >= 0 && late[j].JoinedAt > late[i].JoinedAt + 1)
            {
                laterMin = Math.Min(laterMin, late[j].AdmittedAt!.Value);
                j--;
            }

            if (laterMin < late[i].AdmittedAt)
            {
                count++;
            }
        }

        return count;
    }

    private static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Pairs (i &lt; j) with a[i] &gt; a[j], by merge sort.</summary>
    private static long Inversions(double[] values)
    {
        var buffer = new double[values.Length];
        return Sort(values, buffer, 0, values.Length);

        static long Sort(double[] a, double[] tmp, int from, int to)
        {
            if (to - from < 2)
            {
                return 0;
            }

            var mid = (from + to) / 2;
            var count = Sort(a, tmp, from, mid) + Sort(a, tmp, mid, to);
            int i = from, j = mid, k = from;
            while (i < mid && j < to)
            {
                if (a[i] <= a[j])
                {
                    tmp[k++] = a[i++];
                }
                else
                {
                    count += mid - i;
                    tmp[k++] = a[j++];
                }
            }

            while (i < mid)
            {
                tmp[k++] = a[i++];
            }

            while (j < to)
            {
                tmp[k++] = a[j++];
            }

            Array.Copy(tmp, from, a, from, to - from);
            return count;
        }
    }

    /// <summary>Spearman's rank correlation of arrival and admission among the early arrivals (1: arrival order kept).</summary>
    private static double RankCorrelation(RushPerson[] early)
    {
        if (early.Length < 3)
        {
            return 0;
        }

        var byArrival = early.OrderBy(p => p.JoinedAt).Select((p, i) => (p, i)).ToDictionary(x => x.p, x => (double)x.i);
        var byAdmission = early.OrderBy(p => p.AdmittedAt).ThenBy(p => p.Index).Select((p, i) => (p, i)).ToDictionary(x => x.p, x => (double)x.i);
        var n = early.Length;
        var d2 = early.Sum(p => Math.Pow(byArrival[p] - byAdmission[p], 2));
        return 1 - (6 * d2 / (n * ((double)n * n - 1)));
    }
}
