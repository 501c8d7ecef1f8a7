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
        // One draw of random bytes for the whole code (GetItems draws once per letter for an alphabet of 31). A byte
        // below 248 (8 x 31) maps to a letter without bias; the rare byte above is skipped, and a second draw follows
        // only when more than 8 of the 16 are.
        Span<char> chars = stackalloc char[Length + 1];
        Span<byte> random = stackalloc byte[16];
        var filled = 0;
        while (filled < Length)
        {
            RandomNumberGenerator.Fill(random);
            foreach (var b in random)
            {
                if (b < 248 && filled < Length)
                {
                    chars[filled < 4 ? filled : filled + 1] = Alphabet[b % Alphabet.Length];
                    filled++;
                }
            }
        }

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
