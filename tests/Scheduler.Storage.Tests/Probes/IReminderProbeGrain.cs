namespace Scheduler.Storage.Tests.Probes;

/// <summary>Registers, counts and removes reminders so tests can watch the reminder table.</summary>
[Alias("storage-tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Register")] Task Register(string reminderName, TimeSpan dueTime, TimeSpan period);

    [Alias("IsRegistered")] Task<bool> IsRegistered(string reminderName);

    [Alias("Unregister")] Task Unregister(string reminderName);

    [Alias("GetTicks")] Task<int> GetTicks(string reminderName);
}
