namespace Scheduler.Storage;

/// <summary>One change to a ticket's row: it joins, is admitted, is spent on a request, or is given back.</summary>
public sealed record AdmissionWrite(AdmissionWriteKind Kind, string Ticket, string? Partition = null, long? EarlyKey = null, long At = 0, string? SpentKey = null);
