namespace Scheduler.Grains.Privacy;

/// <summary>What one run of <see cref="PersonalDataEraser"/> erased: appointment records, and notification rows deleted.</summary>
public sealed record ErasureRun(int Records, int Messages);
