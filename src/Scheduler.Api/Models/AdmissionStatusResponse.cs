namespace Scheduler.Api.Models;

/// <summary>
/// A procedure's admission: <c>on</c> (switched on by an operator, <c>enabled</c>, or automatically under load,
/// <c>automatic</c>), the opening, the rate configured, the rate in force (lowered while bookings are refused as
/// overloaded), the rate measured, tickets waiting and admitted.
/// </summary>
public sealed record AdmissionStatusResponse(
    string Procedure, bool On, bool Enabled, bool Automatic, DateTimeOffset? OpeningAt, double AdmitPerSecond, double EffectivePerSecond,
    double MeasuredPerSecond, int Waiting, long Admitted);
