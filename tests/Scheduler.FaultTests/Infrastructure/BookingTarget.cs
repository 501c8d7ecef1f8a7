using System.Globalization;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>What a booking asks for: office, procedure, local date and, optionally, the slot start (none = earliest).</summary>
public sealed record BookingTarget(string OfficeId, DateOnly Date, string? Start = null, string Procedure = BookingTarget.Biometrics)
{
    public const string Biometrics = "cpp-biometrics";

    /// <summary>The day inventory's grain key, which is also its storage key (<c>office/procedure/yyyy-MM-dd</c>).</summary>
    public string DayKey => $"{OfficeId}/{Procedure}/{Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
