using System.Text.RegularExpressions;
using Scheduler.Api.Models;
using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Api.Validation;

/// <summary>Turns an <see cref="ApplicantRequest"/> into normalised <see cref="ApplicantDetails"/>, or field errors.</summary>
public static partial class ApplicantReader
{
    public static ApplicantDetails? Applicant(this FieldErrors errors, string field, ApplicantRequest? request)
    {
        if (request is null)
        {
            errors.Add(field, "is required");
            return null;
        }

        var identity = errors.Identity($"{field}.", request.DocumentType, request.DocumentNumber, request.Country);
        var name = errors.RequireText($"{field}.fullName", request.FullName, 120, 2);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            errors.Add($"{field}.fullName", "may contain only letters, spaces, apostrophes, dots and dashes");
            name = null;
        }

        var email = errors.OptionalText($"{field}.email", request.Email, 254);
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            errors.Add($"{field}.email", "must be an e-mail address");
        }

        var phone = errors.OptionalText($"{field}.phone", request.Phone, 20);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            errors.Add($"{field}.phone", "must be a phone number in international form, e.g. +51987654321");
        }

        return identity is null || name is null ? null : new ApplicantDetails(identity, name, email, phone);
    }

    /// <summary>A document identity (type, number, country) from fields named <paramref name="prefix"/> + documentType, documentNumber, country.</summary>
    public static ApplicantIdentity? Identity(this FieldErrors errors, string prefix, string? documentType, string? documentNumber, string? country)
    {
        var type = errors.RequireText($"{prefix}documentType", documentType, 20);
        if (type is not null && !ApplicantRules.DocumentTypes.ContainsKey(ApplicantRules.NormalizeDocumentType(type)))
        {
            errors.Add($"{prefix}documentType", "must be one of " + string.Join(", ", ApplicantRules.DocumentTypes.Keys));
            type = null;
        }

        var number = DocumentNumber(errors, $"{prefix}documentNumber", documentNumber);
        if (type is not null && number is not null &&
            ApplicantRules.CheckDocumentNumber(ApplicantRules.NormalizeDocumentType(type), number) is { } problem)
        {
            errors.Add($"{prefix}documentNumber", problem);
            number = null;
        }

        var issuer = errors.RequireText($"{prefix}country", country, 2, 2);
        if (issuer is not null && !CountryPattern().IsMatch(issuer))
        {
            errors.Add($"{prefix}country", "must be an ISO 3166-1 alpha-2 country code such as VE");
            issuer = null;
        }

        return type is null || number is null || issuer is null ? null : ApplicantRules.Identity(type, number, issuer);
    }

    /// <summary>A document number, normalised (no spaces, dots, dashes; upper case).</summary>
    public static string? DocumentNumber(this FieldErrors errors, string field, string? value)
    {
        var text = errors.RequireText(field, value, 30);
        if (text is null)
        {
            return null;
        }

        var number = ApplicantRules.NormalizeDocumentNumber(text);
        if (number.Length is < 5 or > 20 || !number.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(field, "must be 5 to 20 letters or digits (spaces, dots and dashes are ignored)");
            return null;
        }

        return number;
    }

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '.\-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ]{7,18}$")]
    private static partial Regex PhonePattern();
}
