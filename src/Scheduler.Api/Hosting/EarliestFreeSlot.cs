namespace Scheduler.Api.Hosting;

/// <summary>An office's earliest free slot from a day on, formatted as <c>GET /availability/earliest</c> sends it.</summary>
public sealed record EarliestFreeSlot(string Date, string Start, string End, int Free);
