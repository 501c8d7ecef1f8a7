namespace Scheduler.Storage.Tests.Probes;

[GrainType("storage-tests.reminder-probe")]
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    // In memory on purpose: the test only needs to see that a tick arrived while the grain is active.
    private readonly Dictionary<string, int> _ticks = [];

    public Task Register(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task<bool> IsRegistered(string reminderName) => await this.GetReminder(reminderName) is not null;

    public async Task Unregister(string reminderName)
    {
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> GetTicks(string reminderName) => Task.FromResult(_ticks.GetValueOrDefault(reminderName));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks[reminderName] = _ticks.GetValueOrDefault(reminderName) + 1;
        return Task.CompletedTask;
    }
}
