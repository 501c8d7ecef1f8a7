using Scheduler.LoadTests.Metrics;

namespace Scheduler.LoadTests.Tests;

public sealed class ServerMetricsTests
{
    private const string Before = """
        # HELP scheduler_bookings_total Bookings
        # TYPE scheduler_bookings_total counter
        scheduler_bookings_total{outcome="booked"} 10
        http_server_request_duration_seconds_bucket{http_request_method="POST",http_route="/api/v1/appointments/",le="0.005"} 0
        http_server_request_duration_seconds_bucket{http_request_method="POST",http_route="/api/v1/appointments/",le="0.01"} 0
        http_server_request_duration_seconds_bucket{http_request_method="POST",http_route="/api/v1/appointments/",le="+Inf"} 0
        http_server_request_duration_seconds_sum{http_request_method="POST",http_route="/api/v1/appointments/"} 0
        http_server_request_duration_seconds_count{http_request_method="POST",http_route="/api/v1/appointments/"} 0
        """;

    private const string After = """
        scheduler_bookings_total{outcome="booked"} 110 1700000000000
        scheduler_bookings_total{outcome="slot-full"} 7
        orleans_storage_write_latency_milliseconds_count{type="Sqlite"} 40
        dotnet_gc_collections_total 3
        http_server_request_duration_seconds_bucket{http_request_method="POST",http_route="/api/v1/appointments/",le="0.005"} 50
        http_server_request_duration_seconds_bucket{http_request_method="POST",http_route="/api/v1/appointments/",le="0.01"} 100
        http_server_request_duration_seconds_bucket{http_request_method="POST",http_route="/api/v1/appointments/",le="+Inf"} 100
        http_server_request_duration_seconds_sum{http_request_method="POST",http_route="/api/v1/appointments/"} 0.5
        http_server_request_duration_seconds_count{http_request_method="POST",http_route="/api/v1/appointments/"} 100
        """;

    [Fact]
    public void Samples_are_read_with_labels_escapes_and_special_values()
    {
        var samples = PrometheusText.Parse("""
            a_total{path="/x\"y",le="+Inf"} 3
            b NaN
            c{} +Inf
            """);

        Assert.Equal(3, samples.Count);
        Assert.Equal("/x\"y", samples[0].Label("path"));
        Assert.True(double.IsNaN(samples[1].Value));
        Assert.True(double.IsPositiveInfinity(samples[2].Value));
    }

    [Fact]
    public void Scheduler_and_storage_series_are_compared_before_and_after()
    {
        var metrics = ServerMetrics.Compare(PrometheusText.Parse(Before), PrometheusText.Parse(After));

        var booked = metrics.Series.Single(s => s.Series == "scheduler_bookings_total{outcome=\"booked\"}");
        Assert.Equal(100, booked.Delta);
        Assert.Null(metrics.Series.Single(s => s.Series.Contains("slot-full", StringComparison.Ordinal)).Before);
        Assert.Contains(metrics.Series, s => s.Series.StartsWith("orleans_storage_write", StringComparison.Ordinal));
        Assert.DoesNotContain(metrics.Series, s => s.Series.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_latency_is_estimated_from_the_histogram_delta()
    {
        var route = ServerMetrics.Compare(PrometheusText.Parse(Before), PrometheusText.Parse(After)).Routes.Single();

        Assert.Equal("POST", route.Method);
        Assert.Equal(100, route.Requests);
        Assert.Equal(5, route.MeanMs, 6);
        Assert.Equal(5, route.P50Ms, 6);
        Assert.Equal(9, route.P90Ms, 6);
    }

    [Fact]
    public void A_quantile_in_the_overflow_bucket_reports_the_last_finite_bound()
    {
        Assert.Equal(1, ServerMetrics.Quantile([(1, 10), (double.PositiveInfinity, 20)], 0.99));
    }

    [Fact]
    public void Rows_per_transaction_are_the_sum_over_the_count_of_the_journal_histogram_between_the_two_scrapes()
    {
        // Two silos; the first had committed before the run (those 10 transactions are not the run's).
        const string before = """
            scheduler_journal_rows_per_transaction_bucket{instance="a",le="1"} 10
            scheduler_journal_rows_per_transaction_bucket{instance="a",le="10"} 10
            scheduler_journal_rows_per_transaction_bucket{instance="a",le="100"} 10
            scheduler_journal_rows_per_transaction_bucket{instance="a",le="+Inf"} 10
            scheduler_journal_rows_per_transaction_sum{instance="a"} 10
            scheduler_journal_rows_per_transaction_count{instance="a"} 10
            """;
        const string after = """
            scheduler_journal_rows_per_transaction_bucket{instance="a",le="1"} 10
            scheduler_journal_rows_per_transaction_bucket{instance="a",le="10"} 60
            scheduler_journal_rows_per_transaction_bucket{instance="a",le="100"} 110
            scheduler_journal_rows_per_transaction_bucket{instance="a",le="+Inf"} 110
            scheduler_journal_rows_per_transaction_sum{instance="a"} 2510
            scheduler_journal_rows_per_transaction_count{instance="a"} 110
            scheduler_journal_rows_per_transaction_bucket{instance="b",le="1"} 0
            scheduler_journal_rows_per_transaction_bucket{instance="b",le="10"} 0
            scheduler_journal_rows_per_transaction_bucket{instance="b",le="100"} 100
            scheduler_journal_rows_per_transaction_bucket{instance="b",le="+Inf"} 100
            scheduler_journal_rows_per_transaction_sum{instance="b"} 5000
            scheduler_journal_rows_per_transaction_count{instance="b"} 100
            """;

        var rows = ServerMetrics.Compare(PrometheusText.Parse(before), PrometheusText.Parse(after)).RowsPerTransaction!;

        Assert.Equal(200, rows.Count);
        Assert.Equal(7500, rows.Sum);
        Assert.Equal(37.5, rows.Mean);
        Assert.Equal(100, rows.P50); // rank 100 of 200: only 50 at or below 10, so in the bucket up to 100
        Assert.Equal(100, rows.P99);
        Assert.Equal(10, HistogramDelta.UpperBound([(1, 0), (10, 60), (100, 110), (double.PositiveInfinity, 110)], 0.5));
        Assert.Equal(double.PositiveInfinity, HistogramDelta.UpperBound([(1, 0), (10, 60), (double.PositiveInfinity, 110)], 0.99));
        Assert.Equal(0, HistogramDelta.UpperBound([(1, 0), (double.PositiveInfinity, 0)], 0.5));
    }

    [Fact]
    public void A_target_without_the_journal_histogram_has_no_rows_per_transaction()
    {
        Assert.Null(ServerMetrics.Compare(PrometheusText.Parse(Before), PrometheusText.Parse(After)).RowsPerTransaction);
    }
}
