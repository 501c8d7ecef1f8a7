using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Api.Admission;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Domain.Admission;

namespace Scheduler.Api.Apis;

/// <summary>The waiting room (applicant side): take a place, read the place, collect the admission token.</summary>
public static class AdmissionApi
{
    public static RouteGroupBuilder MapAdmissionApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/admission").WithTags("Admission");
        api.MapPost("/", Join).WithName("JoinWaitingRoom")
            .WithSummary("Take a place in a procedure's waiting room (under load, first solve a proof-of-work challenge: 428)")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{ticket}", Get).WithName("GetWaitingRoomTicket")
            .WithSummary("A ticket's position and ETA; once admitted, the token for one booking")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<Created<AdmissionTicketResponse>, ProblemHttpResult>> Join(
        AdmissionRequest? request, AdmissionGate gate, OfficeDirectory directory, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var errors = new FieldErrors();
        var procedure = errors.Id("procedure", request.Procedure);
        if (request.Challenge is not null && string.IsNullOrEmpty(request.Answer))
        {
            errors.Add("answer", "is required with a challenge");
        }

        if (request.Answer is not null && request.Challenge is null)
        {
            errors.Add("challenge", "is required with an answer");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        if (await directory.ProcedureAsync(procedure!, cancellationToken) is null)
        {
            return Problems.Problems.Validation("procedure", $"'{procedure}' is not a procedure on offer");
        }

        var now = clock.GetUtcNow();
        string ticket;
        if (request.Challenge is { } challenge)
        {
            switch (ProofOfWork.Verify(gate.Key, challenge, request.Answer!, now, out ticket))
            {
                case ChallengeCheck.Forged:
                    return Problems.Problems.Validation("challenge", "is not a challenge this service issued");
                case ChallengeCheck.Expired:
                    return Problems.Problems.Validation("challenge", "has expired; ask for a new one");
                case ChallengeCheck.Wrong:
                    return Problems.Problems.Validation("answer", "does not solve the challenge");
            }

            if (!AdmissionTicket.TryParse(ticket, out var challengeProcedure, out _) || challengeProcedure != procedure)
            {
                return Problems.Problems.Validation("challenge", $"was issued for another procedure, not '{procedure}'");
            }
        }
        else
        {
            ticket = AdmissionTicket.New(procedure!, gate.Options.Partitions);
            if (gate.ChallengeDifficulty(procedure!, ClientAddress.Of(http)) is > 0 and var difficulty)
            {
                var expires = now + gate.Options.ChallengeLifetime;
                return AdmissionProblems.ProofOfWorkRequired(ProofOfWork.Issue(gate.Key, ticket, difficulty, expires), difficulty, expires);
            }
        }

        AdmissionTicket.TryParse(ticket, out _, out var partition);
        var place = await gate.Partition(procedure!, partition).Join(ticket, now);
        if (place is null)
        {
            return Problems.Problems.Validation("challenge", "was already used; a solved challenge is good for one place");
        }

        return TypedResults.Created($"/api/v1/admission/{ticket}", Response(gate, place, now));
    }

    public static async Task<Results<Ok<AdmissionTicketResponse>, ProblemHttpResult>> Get(string ticket, AdmissionGate gate, TimeProvider clock)
    {
        if (!AdmissionTicket.TryParse(ticket, out var procedure, out var partition) || await gate.PlaceAsync(ticket, procedure, partition) is not { } place)
        {
            return Problems.Problems.NotFound("There is no waiting-room ticket with this id.");
        }

        return TypedResults.Ok(Response(gate, place, clock.GetUtcNow()));
    }

    private static AdmissionTicketResponse Response(AdmissionGate gate, AdmissionPlace place, DateTimeOffset now)
    {
        if (place.AdmittedAt is null)
        {
            // Poll about ten times before the turn comes, never more than once a second nor less than every 30 s.
            var pollAfter = Math.Clamp(place.EtaSeconds / 10, 1, 30);
            return new AdmissionTicketResponse(place.Ticket, "waiting", place.Position, Math.Round(place.EtaSeconds, 1), place.Early, null, null, Math.Round(pollAfter, 1));
        }

        var (token, expiresAt) = gate.TokenFor(place);
        return expiresAt <= now
            ? new AdmissionTicketResponse(place.Ticket, "expired", 0, 0, place.Early, null, expiresAt, 0)
            : new AdmissionTicketResponse(place.Ticket, "admitted", 0, 0, place.Early, token, expiresAt, 0);
    }
}
