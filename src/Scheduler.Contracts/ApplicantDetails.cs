namespace Scheduler.Contracts;

/// <summary>An applicant's identity and contact details as given when booking.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.ApplicantDetails")]
public sealed record ApplicantDetails(ApplicantIdentity Identity, string FullName, string? Email, string? Phone)
{
    /// <summary>What an appointment keeps of its applicant once the retention period has passed: nothing.</summary>
    public static ApplicantDetails Erased { get; } = new(new ApplicantIdentity(string.Empty, string.Empty, string.Empty), string.Empty, null, null);

    /// <summary>Whether these details were erased.</summary>
    public bool IsErased => this == Erased;
}
