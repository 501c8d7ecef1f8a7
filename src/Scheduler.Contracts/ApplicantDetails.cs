namespace Scheduler.Contracts;

/// <summary>An applicant's identity and contact details as given when booking.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.ApplicantDetails")]
public sealed record ApplicantDetails(ApplicantIdentity Identity, string FullName, string? Email, string? Phone);
