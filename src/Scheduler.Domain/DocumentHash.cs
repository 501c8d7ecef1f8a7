using System.Security.Cryptography;
using System.Text;
using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>
/// A keyed hash (HMAC-SHA256) of a document identity, for rows that must group by person without storing
/// the number: without the key, an 8-digit DNI cannot be found again by trying every number.
/// </summary>
public static class DocumentHash
{
    /// <summary>The hash of a normalised document number alone (all identities that share it).</summary>
    public static string OfNumber(string documentNumber, string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(documentNumber)));

    /// <summary>The hash of a whole identity (type, country, number).</summary>
    public static string Of(ApplicantIdentity identity, string key)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{identity.DocumentType}|{identity.Country}|{identity.DocumentNumber}"));
        return Convert.ToHexStringLower(mac);
    }
}
