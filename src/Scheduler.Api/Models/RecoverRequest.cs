namespace Scheduler.Api.Models;

/// <summary>Ask for a lost code (or waitlist id) to be sent again to the contact given when booking (or joining).</summary>
/// <param name="DocumentType">CE, PTP, CPP, PASSPORT, CEDULA or DNI.</param>
/// <param name="DocumentNumber">The document's number (spaces, dots and dashes are ignored).</param>
/// <param name="Country">Issuing country, ISO 3166-1 alpha-2 (e.g. VE).</param>
/// <param name="Procedure">Only this procedure's appointment (default: every procedure).</param>
public sealed record RecoverRequest(string? DocumentType, string? DocumentNumber, string? Country, string? Procedure);
