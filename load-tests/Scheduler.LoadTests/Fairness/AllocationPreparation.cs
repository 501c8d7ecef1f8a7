using System.Globalization;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Preparation;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Fairness;

/// <summary>
/// Before a run with <c>--allocation</c>: sets the procedure's mode through the operator API
/// (<c>PUT .../allocation</c>, forced, so a scheduler left with open requests by an earlier run is not refused),
/// the programme's deadline (<c>PUT .../programme</c>: the end of the scenario's deadline date in Lima), and in
/// batch mode the regional reserves (<c>PUT .../reserves</c>) unless turned off.
/// </summary>
public static class AllocationPreparation
{
    // Lima keeps UTC-5 all year (no daylight saving since 1994).
    private static readonly TimeSpan LimaOffset = TimeSpan.FromHours(-5);

    /// <summary>The programme deadline for a scenario whose last day counting as "before the deadline" is <paramref name="deadlineDate"/>.</summary>
    public static string DeadlineInstant(DateOnly deadlineDate) =>
        new DateTimeOffset(deadlineDate.AddDays(1).ToDateTime(TimeOnly.MinValue), LimaOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Applies <paramref name="mode"/> with <paramref name="token"/>; <paramref name="reserveShare"/> null: no reserves.
    /// Throws <see cref="PreparationException"/> without a token or when the scheduler refuses a change.
    /// </summary>
    public static async Task<AllocationSetup> ApplyAsync(
        SchedulerApiClient client, Uri baseUri, string? token, Scenario scenario, string mode, double? reserveShare, DateOnly deadlineDate, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new PreparationException($"--allocation sets the procedure's mode through the operator API and needs an operator token (--token JWT with --url)");
        }

        var settings = scenario.Allocation;
        var batch = mode == AllocationMode.Batch;
        var reason = $"load test {scenario.Name}: {mode}";
        var cadence = batch ? settings.CadenceMinutes : (int?)null;
        await SendAsync(client, "allocation", SchedulerApiClient.SetAllocation(baseUri, scenario.Procedure, new AllocationRequest(mode, cadence, true, reason), token), ct);
        var deadline = DeadlineInstant(deadlineDate);
        await SendAsync(client, "programme", SchedulerApiClient.SetProgramme(baseUri, scenario.Procedure, new ProgrammeRequest(deadline, reason), token), ct);
        double? share = null;
        if (batch && reserveShare is { } wanted)
        {
            var body = new ReservesRequest(Math.Round(wanted, 4), settings.FarFromCapitalKm, null, settings.FallbackLeadHours, reason);
            await SendAsync(client, "reserves", SchedulerApiClient.SetReserves(baseUri, scenario.Procedure, body, token), ct);
            share = body.Share;
        }

        return new AllocationSetup(mode, cadence, share, settings.FarFromCapitalKm, settings.FallbackLeadHours, deadline);
    }

    private static async Task SendAsync(SchedulerApiClient client, string what, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var response = await client.SendAsync(RequestKind.Search, request, client.Clock.Now, ct);
        if (!response.IsSuccess)
        {
            var status = response.Status?.ToString(CultureInfo.InvariantCulture) ?? response.Outcome;
            throw new PreparationException($"PUT .../{what} answered {status}: {response.BodyText}");
        }
    }
}
