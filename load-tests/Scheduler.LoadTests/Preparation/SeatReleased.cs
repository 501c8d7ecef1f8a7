using System.Globalization;

namespace Scheduler.LoadTests.Preparation;

/// <summary>A release of a scenario's <c>prepare.releases</c>: when it was due, when it was applied, what changed (or why not).</summary>
public sealed record SeatReleased(double AtSeconds, double AppliedAtSeconds, IReadOnlyList<CapacityRaised> Raised, string? Failure)
{
    public string Describe() => Failure is { } why
        ? string.Create(CultureInfo.InvariantCulture, $"release due at {AtSeconds:0.#} s failed: {why}")
        : string.Create(CultureInfo.InvariantCulture,
            $"release due at {AtSeconds:0.#} s, applied by {AppliedAtSeconds:0.0} s: {Raised.Count} capacity changes, {Raised.Sum(r => r.ChangedDays)} days re-planned, {Raised.Sum(r => r.Relocated)} appointments relocated");
}
