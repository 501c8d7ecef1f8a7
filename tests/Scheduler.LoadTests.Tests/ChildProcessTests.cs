using Scheduler.Testing;

namespace Scheduler.LoadTests.Tests;

/// <summary>The process runner behind the scheduler process and the tool's cluster.sh calls, with small bash scripts.</summary>
public sealed class ChildProcessTests : IDisposable
{
    private const int KilledBySigKill = 128 + 9;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string directory = Directory.CreateTempSubdirectory("scheduler-childprocess-tests-").FullName;

    private string Log => Path.Combine(directory, "child.log");

    [Fact]
    public async Task Output_and_errors_are_appended_to_the_log_file_and_the_tail_shows_the_last_lines()
    {
        await File.WriteAllTextAsync(Log, "from before\n");

        await using var child = Bash("for i in 1 2 3; do echo out $i; done; echo err >&2");
        var exitCode = await child.WaitForExitAsync(Patience, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal("from before\nout 1\nout 2\nout 3\nerr\n", await File.ReadAllTextAsync(Log));
        Assert.Equal("out 3\nerr", child.Tail(2));
    }

    [Fact]
    public async Task Stopping_sends_SIGTERM_first_so_the_process_ends_in_order()
    {
        await using var child = Bash("trap 'echo terminated in order; exit 0' TERM; echo running; sleep 60 & wait $!");
        await LogSaysAsync("running");

        await child.StopAsync(grace: Patience);

        Assert.Equal(0, child.ExitCode);
        Assert.Contains("terminated in order", child.Tail(5));
    }

    [Fact]
    public async Task A_process_that_ignores_SIGTERM_is_killed_once_the_grace_period_is_over()
    {
        await using var child = Bash("trap '' TERM; echo running; sleep 60 & wait $!; echo still running");
        await LogSaysAsync("running");

        await child.StopAsync(grace: TimeSpan.FromMilliseconds(500));

        Assert.Equal(KilledBySigKill, child.ExitCode);
    }

    [Fact]
    public async Task Kill_ends_the_process_at_once_without_its_shutdown_hook()
    {
        await using var child = Bash("trap 'echo shutdown hook ran; exit 0' TERM; echo running; sleep 60 & wait $!");
        await LogSaysAsync("running");

        await child.KillAsync();

        Assert.Equal(KilledBySigKill, child.ExitCode);
        Assert.DoesNotContain("shutdown hook ran", await File.ReadAllTextAsync(Log));
    }

    [Fact]
    public async Task The_child_gets_the_given_settings_and_not_the_variables_named_to_unset()
    {
        var inherited = "SCHEDULER_CHILD_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(inherited, "from the parent");
        try
        {
            await using var child = ChildProcess.Start(
                "bash", ["-c", $"echo \"[${inherited}][$GIVEN]\""], directory, new Dictionary<string, string> { ["GIVEN"] = "given" }, Log, unset: [inherited]);
            await child.WaitForExitAsync(Patience, CancellationToken.None);

            Assert.Equal("[][given]", child.Tail(1));
        }
        finally
        {
            Environment.SetEnvironmentVariable(inherited, null);
        }
    }

    [Fact]
    public async Task Waiting_for_a_process_that_does_not_end_in_time_answers_null_and_leaves_it_running()
    {
        await using var child = Bash("sleep 60");

        var exitCode = await child.WaitForExitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.Null(exitCode);
        Assert.False(child.HasExited);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private ChildProcess Bash(string script) => ChildProcess.Start("bash", ["-c", script], directory, new Dictionary<string, string>(), Log);

    private async Task LogSaysAsync(string text)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!File.Exists(Log) || !(await File.ReadAllTextAsync(Log)).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < Patience, $"The log never said '{text}'.");
            await Task.Delay(20);
        }
    }
}
