namespace Scheduler.Contracts;

/// <summary>A validated request to book <paramref name="Procedure"/> at an office on a date (earliest slot when <paramref name="Start"/> is null).</summary>
[GenerateSerializer, Immutable, Alias("scheduler.BookingCommand")]
public sealed record BookingCommand(ApplicantDetails Applicant, string Procedure, string OfficeId, DateOnly Date, TimeOnly? Start, SeatPolicy? Policy = null);
