using Scheduler.LoadTests.Cli;
using Scheduler.LoadTests.Fairness;

namespace Scheduler.LoadTests.Tests;

/// <summary>The command line of issue 14's rehearsal: <c>--bots</c>, <c>--allocation</c>, <c>--no-reserves</c>.</summary>
public sealed class FairnessCommandLineTests
{
    [Fact]
    public void Without_the_new_options_there_are_no_bots_and_the_mode_is_left_alone()
    {
        var (options, error) = CommandLine.Parse(["cpp-final-week", "--embedded"]);

        Assert.Null(error);
        Assert.Equal(0, options!.BotShare);
        Assert.Empty(options.AllocationModes);
        Assert.False(options.NoReserves);
    }

    [Fact]
    public void Bots_and_a_mode_are_read()
    {
        var (options, error) = CommandLine.Parse(["cpp-final-week-scarce", "--embedded", "--bots", "0.1", "--allocation", "batch", "--no-reserves"]);

        Assert.Null(error);
        Assert.Equal(0.1, options!.BotShare);
        Assert.Equal([AllocationMode.Batch], options.AllocationModes);
        Assert.True(options.NoReserves);
    }

    [Fact]
    public void Both_runs_first_come_then_batch()
    {
        var (options, _) = CommandLine.Parse(["cpp-final-week", "--embedded", "--allocation", "both"]);

        Assert.Equal([AllocationMode.FirstCome, AllocationMode.Batch], options!.AllocationModes);
    }

    [Theory]
    [InlineData("--bots", "1")]
    [InlineData("--bots", "-0.1")]
    [InlineData("--bots", "many")]
    [InlineData("--allocation", "lottery")]
    [InlineData("--allocation", "First-Come")]
    public void Bad_values_are_refused_with_the_option_named(string option, string value)
    {
        var (options, error) = CommandLine.Parse(["cpp-final-week", "--embedded", option, value]);

        Assert.Null(options);
        Assert.StartsWith(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_reserves_without_a_batch_run_is_refused()
    {
        var (options, error) = CommandLine.Parse(["cpp-final-week", "--embedded", "--allocation", "first-come", "--no-reserves"]);

        Assert.Null(options);
        Assert.Contains("--no-reserves", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--url", "http://127.0.0.1:5080")]
    [InlineData(null, null)]
    public void Both_modes_need_a_target_the_tool_starts_afresh(string? option, string? value)
    {
        string[] args = option is null ? ["cpp-final-week", "--allocation", "both"] : ["cpp-final-week", option, value!, "--allocation", "both"];

        var (options, error) = CommandLine.Parse(args);

        Assert.Null(options);
        Assert.Contains("fresh state", error, StringComparison.Ordinal);
    }

    [Fact]
    public void One_mode_against_a_running_scheduler_is_allowed()
    {
        var (options, error) = CommandLine.Parse(["cpp-final-week", "--url", "http://127.0.0.1:5080", "--token", "jwt", "--allocation", "batch"]);

        Assert.Null(error);
        Assert.Equal([AllocationMode.Batch], options!.AllocationModes);
    }
}
