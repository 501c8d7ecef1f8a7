using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>Who is booking. The document (type, number, issuing country) identifies the applicant.</summary>
/// <param name="DocumentType">PASSPORT, CE, PTP, CPP, CEDULA or DNI.</param>
/// <param name="DocumentNumber">The document number; spaces, dots and dashes are ignored.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code of the issuing country, e.g. VE.</param>
/// <param name="FullName">Name as on the document.</param>
/// <param name="Email">Optional e-mail for reminders.</param>
/// <param name="Phone">Optional phone number in international form.</param>
public sealed record ApplicantRequest([property: Required] string? DocumentType, [property: Required] string? DocumentNumber, [property: Required] string? Country, [property: Required] string? FullName, string? Email, string? Phone);
