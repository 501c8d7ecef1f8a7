using System.Globalization;

namespace Scheduler.LoadTests.Fairness;

/// <summary>What the tool set on the procedure before a run with <c>--allocation</c>, for the console and the report.</summary>
public sealed record AllocationSetup(
    string Mode,
    int? CadenceMinutes,
    double? ReserveShare,
    double FarFromCapitalKm,
    double FallbackLeadHours,
    string Deadline)
{
    public string Describe() => ReserveShare is { } share
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Mode} (cadence {CadenceMinutes} min; the tool also runs batches itself), reserve {share:0.0%} of each day's seats for homes over {FarFromCapitalKm:0} km from the capital's offices (back to everyone {FallbackLeadHours:0} h before), programme deadline {Deadline}")
        : Mode == AllocationMode.Batch
            ? string.Create(CultureInfo.InvariantCulture, $"{Mode} (cadence {CadenceMinutes} min; the tool also runs batches itself), no reserves, programme deadline {Deadline}")
            : $"{Mode}, programme deadline {Deadline}";
}
