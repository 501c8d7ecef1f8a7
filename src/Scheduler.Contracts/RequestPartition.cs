namespace Scheduler.Contracts;

/// <summary>Where a procedure's allocation requests are stored: their own partition of the waitlist table.</summary>
public static class RequestPartition
{
    private const string Suffix = "/#requests";

    /// <summary>The partition key <c>procedure/#requests</c> (no office id starts with '#').</summary>
    public static string Key(string procedure) => procedure + Suffix;

    /// <summary>Whether <paramref name="partition"/> holds allocation requests rather than waitlist entries.</summary>
    public static bool IsRequests(string partition) => partition.EndsWith(Suffix, StringComparison.Ordinal);
}
