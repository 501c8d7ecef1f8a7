namespace Scheduler.FaultTests.Infrastructure;

/// <summary>One applicant (a CPP holder from Venezuela with this number) and what they will try to book.</summary>
public sealed record PlannedBooking(string DocumentNumber, BookingTarget Target);
