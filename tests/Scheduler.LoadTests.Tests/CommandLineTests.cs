using Scheduler.LoadTests.Cli;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void A_bare_scenario_targets_the_default_local_url()
    {
        var (options, error) = CommandLine.Parse(["smoke"]);

        Assert.Null(error);
        Assert.Equal("smoke", options!.Scenario);
        Assert.Equal([new Uri("http://127.0.0.1:5080/")], options.Urls);
    }

    [Fact]
    public void Options_are_read()
    {
        var (options, error) = CommandLine.Parse(
            ["hot-office", "--rate-scale", "0.5", "--duration", "2m", "--url", "http://localhost:6000,http://127.0.0.1:6001", "--token", "abc", "--out", "/tmp/r", "--admit-rate", "400"]);

        Assert.Null(error);
        Assert.Equal(0.5, options!.RateScale);
        Assert.Equal(400, options.AdmitPerSecond);
        Assert.Equal(120, options.DurationSeconds);
        Assert.Equal(2, options.Urls.Count);
        Assert.Equal("abc", options.Token);
        Assert.Equal("/tmp/r", options.OutDirectory);
    }

    [Theory]
    [InlineData("--url", "http://192.168.1.10:5080")]
    [InlineData("--url", "http://example.org")]
    [InlineData("--rate-scale", "0")]
    [InlineData("--admit-rate", "0")]
    [InlineData("--duration", "soon")]
    [InlineData("--cluster", "-1")]
    [InlineData("--bogus", "1")]
    public void Bad_arguments_are_errors(string option, string value)
    {
        var (options, error) = CommandLine.Parse(["smoke", option, value]);

        Assert.Null(options);
        Assert.NotNull(error);
    }

    [Fact]
    public void Targets_exclude_each_other()
    {
        var (_, error) = CommandLine.Parse(["smoke", "--embedded", "--cluster", "3"]);

        Assert.Contains("exclude", error);
    }

    [Fact]
    public void Help_is_neither_options_nor_an_error()
    {
        Assert.Equal((null, null), CommandLine.Parse(["--help"]));
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    public void Durations_take_units(string text, double seconds)
    {
        Assert.Equal(seconds, CommandLine.Duration(text));
    }

    [Fact]
    public void Benchmark_options_are_read()
    {
        var (options, error) = CommandLine.Parse(
            ["hot-office-peak", "--embedded", "--pg", "Host=127.0.0.1;Port=55470", "--connections", "64", "--warmup", "20", "--watch-pid", "12,34", "--watch-pg", "/tmp/pg", "--prime", "30"]);

        Assert.Null(error);
        Assert.Equal("Host=127.0.0.1;Port=55470", options!.Postgres);
        Assert.Equal(64, options.Connections);
        Assert.Equal(20, options.WarmupSeconds);
        Assert.Equal([12, 34], options.WatchPids);
        Assert.Equal("/tmp/pg", options.WatchPgDirectory);
        Assert.Equal(30, options.PrimeSeconds);
    }

    [Fact]
    public void A_database_is_only_for_the_embedded_scheduler()
    {
        var (options, error) = CommandLine.Parse(["smoke", "--url", "http://127.0.0.1:5080", "--pg", "Host=x"]);

        Assert.Null(options);
        Assert.Contains("--pg", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--connections", "0")]
    [InlineData("--warmup", "-1")]
    [InlineData("--prime", "soon")]
    [InlineData("--watch-pid", "abc")]
    public void Bad_benchmark_values_are_refused(string option, string value)
    {
        var (options, error) = CommandLine.Parse(["smoke", option, value]);

        Assert.Null(options);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_usage_names_every_shipped_scenario()
    {
        Assert.Contains("booking-peak", ScenarioLoader.ShippedNames());
        Assert.All(ScenarioLoader.ShippedNames(), name => Assert.Contains(name, CommandLine.Usage, StringComparison.Ordinal));
    }
}
