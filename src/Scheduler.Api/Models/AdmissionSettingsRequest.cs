namespace Scheduler.Api.Models;

/// <summary>
/// An operator's change to a procedure's admission. Omitted fields keep their value. <c>openingAt</c> (ISO 8601 with
/// offset) is the announced opening: everyone arriving before it gets a random place among the early arrivals, and
/// nobody is admitted before it; <c>clearOpening</c> removes it. <c>admitPerSecond</c> is the rate of admission.
/// </summary>
public sealed record AdmissionSettingsRequest(bool? Enabled, string? OpeningAt, bool? ClearOpening, double? AdmitPerSecond);
