using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>
/// An applicant's claim on an appointment for one procedure: its code and the day that holds its seat.
/// Written before the seat is asked for, so a crash can never leave a seat the applicant does not know
/// about. <see cref="MovingFrom"/> is set while a reschedule between days is under way.
/// The day inventory is the truth; a claim is checked against it before it is relied on.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.Claim")]
public sealed record Claim(ApplicantIdentity Identity, string Procedure, string Code, DayKey Day, DayKey? MovingFrom);
