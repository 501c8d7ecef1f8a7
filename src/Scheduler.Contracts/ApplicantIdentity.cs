namespace Scheduler.Contracts;

/// <summary>
/// Who an applicant is: a document type, its number and the issuing country, all normalised
/// (upper case, no spaces, dots or dashes). Build it through the domain's normaliser.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.ApplicantIdentity")]
public sealed record ApplicantIdentity(string DocumentType, string DocumentNumber, string Country);
