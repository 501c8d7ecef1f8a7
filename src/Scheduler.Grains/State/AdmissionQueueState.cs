namespace Scheduler.Grains.State;

/// <summary>What a procedure's admission coordinator stores: the operator's settings (the queue itself is rows).</summary>
[GenerateSerializer, Alias("scheduler.AdmissionQueueState")]
public sealed class AdmissionQueueState
{
    [Id(0)]
    public bool Enabled { get; set; }

    [Id(1)]
    public DateTimeOffset? OpeningAt { get; set; }

    /// <summary>The operator's rate; null: <c>Scheduler:Admission:AdmitPerSecond</c>.</summary>
    [Id(2)]
    public double? AdmitPerSecond { get; set; }

    [Id(3)]
    public string? ChangedBy { get; set; }

    [Id(4)]
    public DateTimeOffset? ChangedAt { get; set; }
}
