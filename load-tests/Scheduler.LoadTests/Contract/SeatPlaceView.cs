namespace Scheduler.LoadTests.Contract;

/// <summary>The seat a batch assigned to a request (the <c>appointment</c> of a request's answer).</summary>
public sealed record SeatPlaceView(string OfficeId, string Date, string Start);
