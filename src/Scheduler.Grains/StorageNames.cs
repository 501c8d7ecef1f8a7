namespace Scheduler.Grains;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    public const string Scheduler = "scheduler";
}
