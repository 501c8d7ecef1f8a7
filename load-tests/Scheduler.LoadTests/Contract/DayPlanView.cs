namespace Scheduler.LoadTests.Contract;

/// <summary>A day's new plan for one procedure: its seats and slots (<c>free</c> repeats the capacity).</summary>
public sealed record DayPlanView(string Procedure, string Date, int Capacity, IReadOnlyList<SlotView>? Slots);
