using System.Text.Json;

namespace Scheduler.LoadTests.Contract;

/// <summary>
/// The answer to a capacity change: the days whose plan changed (with their new slots), and the
/// appointments moved or left without a seat (only counted by the tool).
/// </summary>
public sealed record CapacityChangeView(
    string OfficeId, IReadOnlyList<DayPlanView>? ChangedDays, IReadOnlyList<JsonElement>? Relocated, IReadOnlyList<JsonElement>? Unplaced);
