namespace Scheduler.Api.Validation;

/// <summary>The days open for booking at an office: today (its local date) and the next <see cref="HorizonDays"/> days.</summary>
public readonly record struct BookingWindow(DateOnly Today, int HorizonDays)
{
    public DateOnly LastDay => Today.AddDays(HorizonDays);
}
