namespace Scheduler.Grains;

/// <summary>How operator operations are looked after when their coordinator is lost (section <c>Scheduler:Operators</c>).</summary>
public sealed class OperatorOptions
{
    public const string Section = "Scheduler:Operators";

    /// <summary>
    /// How often an unfinished operation's reminder looks at it, from the moment it starts until it is done. A
    /// capacity change or closure left part-way by a failure is finished (as a retry with its id would); a transfer
    /// whose coordinator was lost before its commit point is undone at both offices, one committed but not yet
    /// confirmed is confirmed. Orleans refuses reminder periods under its <c>ReminderOptions.MinimumReminderPeriod</c>
    /// (one minute unless configured).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(1);
}
