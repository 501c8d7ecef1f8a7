using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Domain.Admission;

/// <summary>
/// Signed admission tokens: <c>ticket.expiresUnixSeconds.mac</c>, the MAC an HMAC-SHA256 under a key every front door
/// shares. Nothing is stored to check one: the signature proves a front door issued it, the expiry bounds it, and the
/// ticket inside binds it to one waiting-room session (whose partition records the one booking it was spent on).
/// </summary>
public static class AdmissionTokens
{
    public static string Issue(byte[] key, string ticket, DateTimeOffset expires)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{ticket}.{expires.ToUnixTimeSeconds()}");
        return body + "." + AdmissionTicket.Base64Url(Mac(key, body));
    }

    /// <summary>Checks signature (in constant time) then expiry; <paramref name="ticket"/> is set only for a genuine token.</summary>
    public static TokenCheck Verify(byte[] key, string? token, DateTimeOffset now, out string ticket)
    {
        ticket = string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 300)
        {
            return TokenCheck.Forged;
        }

        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return TokenCheck.Forged;
        }

        var body = token[..lastDot];
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("admission-token|" + body), expected);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(AdmissionTicket.Base64Url(expected)), Encoding.ASCII.GetBytes(token[(lastDot + 1)..])))
        {
            return TokenCheck.Forged;
        }

        var expiryDot = body.LastIndexOf('.');
        if (expiryDot <= 0 || !long.TryParse(body[(expiryDot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return TokenCheck.Forged;
        }

        ticket = body[..expiryDot];
        return now.ToUnixTimeSeconds() >= expires ? TokenCheck.Expired : TokenCheck.Valid;
    }

    private static byte[] Mac(byte[] key, string body) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("admission-token|" + body));
}
