using System.ComponentModel.DataAnnotations;

namespace Scheduler.Grains.Hosting;

/// <summary>The waiting room (section <c>Scheduler:Admission</c>): silos and front doors read the same keys.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Scheduler:Admission";

    /// <summary>
    /// The key that signs admission tokens and proof-of-work challenges. Every front door must share it (a token one
    /// issues, another checks). Set a secret of your own in production.
    /// </summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "development-only-admission-signing-key-change-me";

    /// <summary>Partitions per procedure: new tickets are spread over them, so polls and joins spread over as many grains.</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 16;

    /// <summary>How often the coordinator moves admission on and republishes positions.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// People admitted per second per procedure unless an operator sets another rate: half the 3,032 durable
    /// bookings/s the embedded host (SQLite) sustained in docs/benchmarks.md, so admitted people's searches, retries and
    /// reschedules fit beside their bookings.
    /// </summary>
    [Range(0.1, 1_000_000)]
    public double AdmitPerSecond { get; set; } = 1500;

    /// <summary>
    /// The latency admitted people's bookings should meet, measured by each front door from the token check to the answer.
    /// A booking slower than this counts as slow; while more than <see cref="SlowBookingShare"/> of them are, the rate in
    /// force is cut. 0: only bookings refused as overloaded count.
    /// </summary>
    /// <remarks>
    /// Off (0) by default: on the measured machine a 100 ms target cut admitted people's p99 from 0.9-4.2 s to 366 ms but
    /// admitted 58 % of a rush instead of 97 % and made the ETA 58 % wrong at p90 instead of 6 % (docs/benchmarks.md);
    /// an honest place and ETA is what the room promises everyone, so an operator chooses that trade for their back end.
    /// </remarks>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan BookingLatencyTarget { get; set; } = TimeSpan.Zero;

    /// <summary>The share of bookings allowed over <see cref="BookingLatencyTarget"/> (0.01: the p99 is the target).</summary>
    [Range(0.0001, 0.5)]
    public double SlowBookingShare { get; set; } = 0.01;

    /// <summary>The factor a cut multiplies the rate in force by.</summary>
    [Range(0.1, 0.99)]
    public double RateDecrease { get; set; } = 0.7;

    /// <summary>What the rate in force climbs back per second while bookings are fast, as a share of the configured rate.</summary>
    [Range(0.001, 1)]
    public double RateIncreasePerSecond { get; set; } = 0.05;

    /// <summary>
    /// The rate in force never drops below this share of the configured rate: latency that admission does not cause (a
    /// machine shared with other work, a slow disk) would otherwise hold the room at a standstill (docs/benchmarks.md).
    /// </summary>
    [Range(0.01, 1)]
    public double MinRateShare { get; set; } = 0.25;

    /// <summary>The bookings judged at each step are those reported over this long; after a cut the next waits as long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The rule the coordinator's <see cref="Domain.Admission.AdmissionRateController"/> follows.</summary>
    public Domain.Admission.AdmissionRateRule RateRule() => new(SlowBookingShare, RateDecrease, RateIncreasePerSecond, MinRateShare, RateWindow);

    /// <summary>Bookings per second (all front doors, one procedure) above which admission switches on by itself; 0: never.</summary>
    [Range(0, 1_000_000)]
    public double AutoOnBookingsPerSecond { get; set; } = 2500;

    /// <summary>An automatic admission switches off once nobody has waited for this long and bookings are below the threshold.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AutoOffAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a ticket is kept (a partition that activates reads the tickets of this period).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How much longer than <see cref="TicketLifetime"/> a ticket's row is kept before it is deleted (rows past the
    /// lifetime are never read again; the margin leaves them for an operator's look after a rush). Lifetime plus margin
    /// must cover <see cref="ChallengeLifetime"/>: the row is what makes a solved challenge good for one place only.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan TicketRetentionMargin { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each silo deletes the rows of tickets past their lifetime and margin.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TicketSweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an admission token is good for after its ticket is admitted.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tickets waiting (one procedure) at or above which every new arrival first solves a challenge; 0: always.</summary>
    [Range(0, int.MaxValue)]
    public int ChallengeAboveWaiting { get; set; } = 2000;

    /// <summary>Tickets one address may take per minute without a challenge; past it, each needs one.</summary>
    [Range(0, 1_000_000)]
    public int FreeTicketsPerMinutePerAddress { get; set; } = 3;

    /// <summary>Leading zero bits asked at the threshold.</summary>
    [Range(1, 32)]
    public int MinDifficulty { get; set; } = 14;

    /// <summary>
    /// Leading zero bits asked at most (load and a client's rate each add a bit per doubling): 65,536 hashes on average,
    /// 0.7 s on one browser-like thread of this (loaded) machine, p90 1.5 s (docs/benchmarks.md).
    /// </summary>
    [Range(1, 32)]
    public int MaxDifficulty { get; set; } = 16;

    /// <summary>How long a challenge may be answered.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The front doors' copy of each procedure's admission status is refreshed this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StatusRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A poll's answer is reused for this long by the front door that gave it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan PollCache { get; set; } = TimeSpan.FromMilliseconds(500);

    public byte[] SigningKeyBytes() => System.Text.Encoding.UTF8.GetBytes(SigningKey);
}
