namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>
/// Availability is published by day inventories to their office after each commit, so a search may lag a
/// booking by a moment: these checks poll until the expected value shows up, or fail with the last one seen.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    public static async Task EqualAsync<T>(T expected, Func<Task<T>> actual)
    {
        var deadline = DateTime.UtcNow + Within;
        var last = await actual();
        while (!EqualityComparer<T>.Default.Equals(expected, last) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            last = await actual();
        }

        Assert.Equal(expected, last);
    }

    /// <summary>Polls <paramref name="probe"/> until it answers a value; fails if none comes within the time.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "No value came within the time.");
            await Task.Delay(50);
        }
    }
}
