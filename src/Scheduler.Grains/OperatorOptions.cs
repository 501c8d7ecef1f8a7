namespace Scheduler.Grains;

/// <summary>How operator operations are looked after when their coordinator is lost (section <c>Scheduler:Operators</c>).</summary>
public sealed class OperatorOptions
{
    public const string Section = "Scheduler:Operators";

    /// <summary>
    /// How often a counter transfer's reminder checks that the transfer is settled at both offices, from the moment
    /// it starts until it is. A transfer whose coordinator was lost before its commit point is undone at both offices
    /// at the first check that finds nobody running it; one committed but not yet confirmed is confirmed. Orleans
    /// refuses reminder periods under its <c>ReminderOptions.MinimumReminderPeriod</c> (one minute unless configured).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TransferCheckEvery { get; set; } = TimeSpan.FromMinutes(1);
}
