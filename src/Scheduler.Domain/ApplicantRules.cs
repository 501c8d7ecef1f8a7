using System.Text.RegularExpressions;
using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>
/// How applicants are identified: document types accepted, number formats, normalisation. Numbers are
/// compared after removing spaces, dots and dashes and upper-casing, so <c>v-12.345.678</c> and
/// <c>V12345678</c> are the same document.
/// </summary>
public static partial class ApplicantRules
{
    /// <summary>Accepted document types and the pattern a normalised number must match.</summary>
    public static readonly IReadOnlyDictionary<string, Regex> DocumentTypes = new Dictionary<string, Regex>
    {
        ["PASSPORT"] = PassportPattern(),
        ["CE"] = DigitsPattern(),
        ["PTP"] = DigitsPattern(),
        ["CPP"] = DigitsPattern(),
        ["CEDULA"] = CedulaPattern(),
        ["DNI"] = DniPattern(),
    };

    public static string NormalizeDocumentNumber(string number)
    {
        var chars = number.Where(c => c is not (' ' or '.' or '-' or '/')).Select(char.ToUpperInvariant);
        return string.Concat(chars);
    }

    public static string NormalizeDocumentType(string type) => type.Trim().ToUpperInvariant();

    public static string NormalizeCountry(string country) => country.Trim().ToUpperInvariant();

    /// <summary>Checks a document; answers null when valid, else what is wrong with the number.</summary>
    public static string? CheckDocumentNumber(string documentType, string normalizedNumber) =>
        DocumentTypes.TryGetValue(documentType, out var pattern) && !pattern.IsMatch(normalizedNumber)
            ? $"is not a valid {documentType} number"
            : null;

    /// <summary>Whether two normalised document numbers are equal, in time that does not depend on where they differ.</summary>
    public static bool SameDocumentNumber(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    public static ApplicantIdentity Identity(string documentType, string documentNumber, string country) =>
        new(NormalizeDocumentType(documentType), NormalizeDocumentNumber(documentNumber), NormalizeCountry(country));

    [GeneratedRegex("^[A-Z0-9]{5,15}$")]
    private static partial Regex PassportPattern();

    [GeneratedRegex("^[0-9]{6,12}$")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex("^[VE]?[0-9]{6,9}$")]
    private static partial Regex CedulaPattern();

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex DniPattern();
}
