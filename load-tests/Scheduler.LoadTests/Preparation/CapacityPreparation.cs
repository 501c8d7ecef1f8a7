using System.Globalization;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Preparation;

/// <summary>
/// Carries out a scenario's <c>prepare.raiseCapacity</c> before the first arrival, through the operator
/// API (<c>PUT /api/v1/admin/offices/{officeId}/capacity</c>), one change after the other.
/// </summary>
public static class CapacityPreparation
{
    /// <summary>
    /// Applies every raise of <paramref name="scenario"/> (office-local <paramref name="today"/>) with the operator
    /// <paramref name="token"/>; throws <see cref="PreparationException"/> when there is no token or the scheduler refuses one.
    /// </summary>
    public static async Task<IReadOnlyList<CapacityRaised>> ApplyAsync(
        SchedulerApiClient client, Uri baseUri, string? token, Scenario scenario, DateOnly today, CancellationToken ct)
    {
        var raises = scenario.Prepare?.RaiseCapacity ?? [];
        if (raises.Count == 0 && scenario.Prepare?.Releases is not { Count: > 0 })
        {
            return [];
        }

        if (string.IsNullOrEmpty(token))
        {
            throw new PreparationException($"{scenario.Name} changes capacity through the operator API and needs an operator token (--token JWT with --url)");
        }

        return await ApplyRaisesAsync(client, baseUri, token, scenario, raises, today, ct);
    }

    /// <summary>Applies <paramref name="raises"/> one after the other (before the run, or a release during it).</summary>
    public static async Task<IReadOnlyList<CapacityRaised>> ApplyRaisesAsync(
        SchedulerApiClient client, Uri baseUri, string token, Scenario scenario, IReadOnlyList<CapacityRaise> raises, DateOnly today, CancellationToken ct)
    {
        var done = new List<CapacityRaised>();
        foreach (var raise in raises)
        {
            var request = raise.ToRequest(scenario.Procedure, today, $"load test {scenario.Name}: seats for the run");
            var response = await client.SendAsync(RequestKind.Search, SchedulerApiClient.SetCapacity(baseUri, raise.OfficeId, request, token), client.Clock.Now, ct);
            if (!response.IsSuccess || response.Read(ApiJson.Default.CapacityChangeView) is not { } answer)
            {
                var status = response.Status?.ToString(CultureInfo.InvariantCulture) ?? response.Outcome;
                throw new PreparationException($"PUT api/v1/admin/offices/{raise.OfficeId}/capacity answered {status}: {response.BodyText}");
            }

            done.Add(CapacityRaised.From(raise.OfficeId, request, answer));
        }

        return done;
    }
}
