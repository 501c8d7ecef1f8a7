using Scheduler.Api.Models;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>Operator request bodies for one date, cpp-biometrics unless told otherwise.</summary>
public static class OperatorRequests
{
    public static CapacityRequest Capacity(
        DateOnly date, int counters, string? open = null, string? close = null, bool? relocate = null, string reason = "test") =>
        new(Bookings.Biometrics, date.Text(), date.Text(), null, open, close, counters, reason, relocate, null, null);

    public static ClosureRequest Closure(DateOnly date, string reason = "transport strike", bool? relocate = null) =>
        new(date.Text(), reason, relocate, null, null);

    public static TransferRequestBody Transfer(
        string fromOfficeId, string toOfficeId, DateOnly date, int counters, string? transferId = null, string reason = "test") =>
        new(Bookings.Biometrics, fromOfficeId, toOfficeId, date.Text(), date.Text(), counters, reason, transferId);
}
