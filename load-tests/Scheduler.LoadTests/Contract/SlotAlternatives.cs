namespace Scheduler.LoadTests.Contract;

/// <summary>The <c>alternatives</c> member of a slot-full problem.</summary>
public sealed record SlotAlternatives(
    IReadOnlyList<SameOfficeAlternative>? SameOffice,
    IReadOnlyList<NearbyOfficeAlternative>? NearbyOffices);
