using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Domain.Admission;

/// <summary>
/// Self-hosted proof of work (Hashcash/Altcha style): the challenge is <c>ticket.difficulty.expiresUnixSeconds.mac</c>,
/// signed by the front doors' shared key, so no front door stores it; the answer is any string whose SHA-256 of
/// <c>challenge:answer</c> starts with <c>difficulty</c> zero bits (2^difficulty hashes on average). The ticket inside
/// makes it single-use: the ticket row's unique key refuses a second admission with the same solved challenge.
/// </summary>
public static class ProofOfWork
{
    public const int MaxAnswerLength = 64;

    public static string Issue(byte[] key, string ticket, int difficulty, DateTimeOffset expires)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{ticket}.{difficulty}.{expires.ToUnixTimeSeconds()}");
        return body + "." + AdmissionTicket.Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("admission-challenge|" + body)));
    }

    /// <summary>
    /// Checks the signature (constant time), the expiry, then the work (every hash bit is looked at, whatever the answer).
    /// <paramref name="ticket"/> is set when the challenge is genuine.
    /// </summary>
    public static ChallengeCheck Verify(byte[] key, string challenge, string answer, DateTimeOffset now, out string ticket)
    {
        ticket = string.Empty;
        var lastDot = challenge.LastIndexOf('.');
        if (challenge.Length > 300 || lastDot <= 0)
        {
            return ChallengeCheck.Forged;
        }

        var body = challenge[..lastDot];
        var expected = AdmissionTicket.Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("admission-challenge|" + body)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge[(lastDot + 1)..])))
        {
            return ChallengeCheck.Forged;
        }

        var parts = body.Split('.');
        if (parts.Length != 5 || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var difficulty)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return ChallengeCheck.Forged;
        }

        if (now.ToUnixTimeSeconds() >= expires)
        {
            return ChallengeCheck.Expired;
        }

        if (answer.Length is 0 or > MaxAnswerLength || LeadingZeroBits(Hash(challenge, answer)) < difficulty)
        {
            return ChallengeCheck.Wrong;
        }

        ticket = string.Join('.', parts[0], parts[1], parts[2]);
        return ChallengeCheck.Solved;
    }

    /// <summary>The difficulty a challenge asks for (0 when it is not one).</summary>
    public static int DifficultyOf(string challenge)
    {
        var parts = challenge.Split('.');
        return parts.Length == 6 && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0;
    }

    /// <summary>Finds an answer by trying counters in order (what a client does; the tests and the load tool use it).</summary>
    public static string Solve(string challenge, CancellationToken cancellationToken = default)
    {
        var difficulty = DifficultyOf(challenge);
        var prefix = Encoding.UTF8.GetBytes(challenge + ":");
        var buffer = new byte[prefix.Length + 20];
        prefix.CopyTo(buffer, 0);
        Span<byte> hash = stackalloc byte[32];
        for (long counter = 0; ; counter++)
        {
            if ((counter & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            counter.TryFormat(buffer.AsSpan(prefix.Length), out var written, default, CultureInfo.InvariantCulture);
            SHA256.HashData(buffer.AsSpan(0, prefix.Length + written), hash);
            if (LeadingZeroBits(hash) >= difficulty)
            {
                return counter.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    public static byte[] Hash(string challenge, string answer) => SHA256.HashData(Encoding.UTF8.GetBytes(challenge + ":" + answer));

    /// <summary>Leading zero bits of <paramref name="hash"/>, computed without a data-dependent branch or early exit.</summary>
    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var total = 0;
        var stillZero = 1;
        foreach (var b in hash)
        {
            // Bits of this byte before its first one (8 for a zero byte), counted only while every earlier byte was zero.
            var zeros = System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
            total += zeros * stillZero;
            stillZero &= (b - 1) >> 31 & 1;
        }

        return total;
    }
}
