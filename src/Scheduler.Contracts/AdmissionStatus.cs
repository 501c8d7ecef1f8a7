namespace Scheduler.Contracts;

/// <summary>
/// A procedure's admission as front doors and operators see it: on (by an operator or automatically), the opening
/// time, the rate configured and the rate in force (lowered while admitted bookings are slow or refused as overloaded),
/// the rate measured, and the tickets waiting.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdmissionStatus")]
public sealed record AdmissionStatus(
    string Procedure,
    bool On,
    bool Enabled,
    bool Automatic,
    DateTimeOffset? OpeningAt,
    double AdmitPerSecond,
    double EffectivePerSecond,
    double MeasuredPerSecond,
    int Waiting,
    long Admitted);
