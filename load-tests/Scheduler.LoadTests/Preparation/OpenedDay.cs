namespace Scheduler.LoadTests.Preparation;

/// <summary>A day a capacity change left open: its date, its first slot and its seats.</summary>
public sealed record OpenedDay(string Date, string FirstStart, int Seats);
