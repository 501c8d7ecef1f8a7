using System.Security.Cryptography;

namespace Scheduler.Domain;

/// <summary>
/// Confirmation codes: 8 characters from a 31-letter alphabet without 0/O, 1/I/L (about 40 bits from a
/// cryptographic generator), shown as <c>XXXX-XXXX</c> and accepted with or without the dash, in any case.
/// </summary>
public static class ConfirmationCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 8;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length + 1];
        RandomNumberGenerator.GetItems(Alphabet, chars);
        chars[4] = '-';
        return new string(chars);
    }

    /// <summary>Normalises user input (<c>abcd efgh</c>, <c>ABCDEFGH</c>) to the canonical form, or fails.</summary>
    public static bool TryNormalize(string? input, out string code)
    {
        code = string.Empty;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 20)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Length];
        var count = 0;
        foreach (var raw in input)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            if (count == Length || !Alphabet.Contains(c))
            {
                return false;
            }

            chars[count++] = c;
        }

        if (count != Length)
        {
            return false;
        }

        code = string.Concat(chars[..4], "-", chars[4..]);
        return true;
    }
}
