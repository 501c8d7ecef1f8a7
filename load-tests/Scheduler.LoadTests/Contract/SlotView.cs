namespace Scheduler.LoadTests.Contract;

/// <summary>One slot of a day in an office's availability.</summary>
public sealed record SlotView(string Start, string End, int Capacity, int Free);
