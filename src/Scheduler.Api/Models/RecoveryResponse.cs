namespace Scheduler.Api.Models;

/// <summary>The same answer whether or not anything exists: only the contact on file learns more.</summary>
/// <param name="Status">Always <c>accepted</c>.</param>
/// <param name="Detail">What happens next.</param>
public sealed record RecoveryResponse(string Status, string Detail);
