namespace Scheduler.Storage;

/// <summary>
/// A seam for tests to make a multi-step operation fail between its steps (e.g. between the two offices of a
/// transfer). The hosts register <see cref="NoFaults"/>; nothing in production code throws through it.
/// </summary>
public interface IFaultInjection
{
    /// <summary>Called at a named point of an operation; a test implementation may throw.</summary>
    ValueTask At(string point, string operationId);
}
