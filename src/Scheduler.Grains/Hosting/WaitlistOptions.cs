using System.ComponentModel.DataAnnotations;

namespace Scheduler.Grains.Hosting;

/// <summary>How the waitlist's partitions look after themselves (section <c>Scheduler:Waitlist</c>).</summary>
public sealed class WaitlistOptions
{
    public const string Section = "Scheduler:Waitlist";

    /// <summary>
    /// The period of each partition's reminder, which expires entries and offers free seats whose notice was lost.
    /// Orleans refuses reminder periods under its <c>ReminderOptions.MinimumReminderPeriod</c> (one minute unless set).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(1);
}
