namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>
/// A host of its own for the allocation tests (they put a procedure in batch mode, which the shared host's other tests
/// must not see), whose tests still run in the shared collection: one at a time with the rest, so that tests listening
/// to every span in the process (trace propagation) hear no bookings of theirs.
/// </summary>
public sealed class AllocationApiHost : IAsyncLifetime
{
    public SchedulerApiFactory Api { get; } = SchedulerApiFactory.With(new Dictionary<string, string>());

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Api).DisposeAsync();
}
