using System.Globalization;
using Scheduler.LoadTests.Applicants;

namespace Scheduler.LoadTests.Journeys;

/// <summary>
/// The address a simulated client names in <c>X-Forwarded-For</c>, so the scheduler's per-address abuse limits
/// see who is who: each person one of the 131,072 addresses of 198.18.0.0/15 (set aside for benchmarks), by
/// applicant id; each bot operator one address of 100.64.0.0/10 (shared address space) for all of its identities,
/// so its pool polls within one address's quota, as a script on one machine does.
/// </summary>
public static class ClientAddress
{
    public static string Of(VirtualApplicant applicant) => applicant.BotOperator is { } op
        ? string.Create(CultureInfo.InvariantCulture, $"100.{64 + ((op >> 16) & 63)}.{(op >> 8) & 255}.{op & 255}")
        : string.Create(CultureInfo.InvariantCulture, $"198.{18 + ((applicant.Id >> 16) & 1)}.{(applicant.Id >> 8) & 255}.{applicant.Id & 255}");
}
