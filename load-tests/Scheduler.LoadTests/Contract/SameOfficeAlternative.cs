namespace Scheduler.LoadTests.Contract;

/// <summary>A free slot at the same office offered with a slot-full answer.</summary>
public sealed record SameOfficeAlternative(string Date, string Start, string? End, int Free);
