namespace Scheduler.Contracts;

/// <summary>Which partition of a procedure's waitlist holds an entry: the one of the office nearest the applicant's home.</summary>
public static class WaitlistPartition
{
    /// <summary>The partition key <c>procedure/officeId</c>.</summary>
    public static string Key(string procedure, string officeId) => $"{procedure}/{officeId}";

    /// <summary>The procedure and office a partition key names.</summary>
    public static (string Procedure, string OfficeId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? throw new ArgumentException($"'{key}' is not a waitlist partition key", nameof(key)) : (key[..slash], key[(slash + 1)..]);
    }
}
