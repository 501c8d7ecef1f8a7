using System.Globalization;
using System.Security.Cryptography;

namespace Scheduler.Domain.Admission;

/// <summary>
/// A waiting-room ticket: <c>procedure.partition.random</c>. The procedure and partition travel in the ticket, so every
/// front door finds the grain that holds it without a lookup (and a change of the partition count never strands an
/// earlier ticket); the 128 random bits make it unguessable, because whoever holds a ticket collects its token.
/// </summary>
public static class AdmissionTicket
{
    private const int MaxLength = 160;

    /// <summary>A new ticket for <paramref name="procedure"/> in a partition chosen at random out of <paramref name="partitions"/>.</summary>
    public static string New(string procedure, int partitions) =>
        Format(procedure, RandomNumberGenerator.GetInt32(partitions), Base64Url(RandomNumberGenerator.GetBytes(16)));

    public static string Format(string procedure, int partition, string random) =>
        string.Create(CultureInfo.InvariantCulture, $"{procedure}.{partition}.{random}");

    /// <summary>The procedure and partition a well-formed ticket names; false for anything else (answered as an unknown ticket).</summary>
    public static bool TryParse(string? ticket, out string procedure, out int partition)
    {
        procedure = string.Empty;
        partition = 0;
        if (string.IsNullOrEmpty(ticket) || ticket.Length > MaxLength)
        {
            return false;
        }

        var parts = ticket.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[0].All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out partition) || partition > 4096
            || parts[2].Length != 22 || !parts[2].All(IsBase64Url))
        {
            return false;
        }

        procedure = parts[0];
        return true;
    }

    /// <summary>The grain key of a ticket's partition: <c>procedure/partition</c>.</summary>
    public static string PartitionKey(string procedure, int partition) => string.Create(CultureInfo.InvariantCulture, $"{procedure}/{partition}");

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsBase64Url(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';
}
