using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Audit;

/// <summary>What <c>GET /appointments/{code}</c> answered after the run (Status null: no answer).</summary>
public sealed record FetchedAppointment(int? Status, AppointmentView? View);
