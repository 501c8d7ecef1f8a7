namespace Scheduler.Storage;

/// <summary>
/// One operator operation as <see cref="OperationLog"/> stores it: its audit fields, where it stands, and the
/// coordinator's own record (<typeparamref name="T"/>: request, progress, outcome). <see cref="Version"/> is the
/// version read, which the next save must still find.
/// </summary>
public sealed record OperationRow<T>(
    string OperationId, string Kind, string Action, string Target, string Actor, string? Reason, string Detail, string Status,
    DateTimeOffset At, int Version, T? Payload)
    where T : class;
