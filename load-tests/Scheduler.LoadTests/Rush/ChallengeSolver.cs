using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.LoadTests.Rush;

/// <summary>A waiting-room client's proof of work: the first counter whose SHA-256 of <c>challenge:counter</c> starts with the asked zero bits.</summary>
public static class ChallengeSolver
{
    public static string Solve(string challenge, int difficulty, CancellationToken ct)
    {
        var prefix = Encoding.UTF8.GetBytes(challenge + ":");
        var buffer = new byte[prefix.Length + 20];
        prefix.CopyTo(buffer, 0);
        Span<byte> hash = stackalloc byte[32];
        for (long counter = 0; ; counter++)
        {
            if ((counter & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            counter.TryFormat(buffer.AsSpan(prefix.Length), out var written, default, CultureInfo.InvariantCulture);
            SHA256.HashData(buffer.AsSpan(0, prefix.Length + written), hash);
            if (LeadingZeroBits(hash) >= difficulty)
            {
                return counter.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0)
            {
                bits += 8;
                continue;
            }

            return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
        }

        return bits;
    }
}
