using Microsoft.Extensions.DependencyInjection;
using Scheduler.Api.Admission;
using Scheduler.Api.Models;
using Scheduler.Domain.Admission;

namespace Scheduler.Api.Tests;

/// <summary>
/// The global-load trigger of the proof of work: below <c>ChallengeAboveWaiting</c> people waiting a new arrival takes
/// a place at once; at it, every arrival first solves a challenge at <c>MinDifficulty</c>, one bit harder per doubling
/// of the room, never above <c>MaxDifficulty</c>.
/// </summary>
public sealed class AdmissionLoadChallengeTests(AdmissionLoadHost host) : IClassFixture<AdmissionLoadHost>
{
    private readonly HttpClient anonymous = host.Api.CreateClient();
    private readonly HttpClient operatorClient = host.Api.CreateClient(host.Api.Tokens.Operator());

    [Fact]
    public async Task Once_enough_people_wait_every_new_arrival_solves_a_challenge_one_bit_harder_per_doubling_of_the_room()
    {
        // The opening a day away: everyone who joins waits, so the room only grows.
        var opening = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await operatorClient.SetAdmissionAsync(Bookings.Biometrics, new AdmissionSettingsRequest(true, opening, null, null));
        try
        {
            for (var i = 0; i < 4; i++)
            {
                using var free = await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, null, null));
                Assert.Equal(HttpStatusCode.Created, free.StatusCode);
            }

            Assert.Equal(8, await DifficultyOnceWaitingAsync(4));
            await JoinSolvingAsync(4);
            Assert.Equal(9, await DifficultyOnceWaitingAsync(8));
            await JoinSolvingAsync(8);
            Assert.Equal(10, await DifficultyOnceWaitingAsync(16));
            await JoinSolvingAsync(16);
            Assert.Equal(10, await DifficultyOnceWaitingAsync(32));
        }
        finally
        {
            await operatorClient.SetAdmissionAsync(Bookings.Biometrics, new AdmissionSettingsRequest(false, null, true, null));
        }
    }

    /// <summary>Waits for the coordinator to count <paramref name="waiting"/>, refreshes the front door, and answers the difficulty of the challenge a new arrival gets.</summary>
    private async Task<int> DifficultyOnceWaitingAsync(int waiting)
    {
        await Eventually.EqualAsync(waiting, async () =>
            (await operatorClient.GetFromJsonAsync<AdmissionStatusResponse>(AdmissionCalls.AdminUri(Bookings.Biometrics)))!.Waiting);
        await host.Api.Services.GetRequiredService<AdmissionStatusRefresh>().RefreshAsync(CancellationToken.None);
        return ProofOfWork.DifficultyOf(await anonymous.ChallengeAsync());
    }

    /// <summary>Takes <paramref name="count"/> more places, each after solving the challenge it is given.</summary>
    private async Task JoinSolvingAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var challenge = await anonymous.ChallengeAsync();
            using var joined = await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, challenge, ProofOfWork.Solve(challenge)));
            Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        }
    }
}
