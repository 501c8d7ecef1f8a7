using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// The applicant grain's key for a document number: its keyed hash (<see cref="DocumentHash.OfNumber"/>). Orleans
/// puts grain ids into traces (activity propagation), log messages, the grain directory and storage keys; with the
/// hash as the key none of them carries the number. Every silo and front door must share
/// <see cref="PrivacyOptions.DocumentHashKey"/>, or they address different grains for one person.
/// </summary>
public sealed class ApplicantKeys(IOptions<PrivacyOptions> privacy)
{
    /// <summary>The key that stands for a normalised document number.</summary>
    public string Of(string documentNumber) => DocumentHash.OfNumber(documentNumber, privacy.Value.DocumentHashKey);

    /// <summary>The grain of everyone holding <paramref name="documentNumber"/>.</summary>
    public IApplicantGrain Grain(IGrainFactory grains, string documentNumber) => grains.GetGrain<IApplicantGrain>(Of(documentNumber));
}
