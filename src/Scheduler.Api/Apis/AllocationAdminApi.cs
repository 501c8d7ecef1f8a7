using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Problems;
using Scheduler.Api.Validation;
using Scheduler.Contracts;

namespace Scheduler.Api.Apis;

/// <summary>Operator routes of allocation: mode, regional reserves, the programme's deadline, batches. Same auth as <see cref="AdminApi"/>.</summary>
public static class AllocationAdminApi
{
    private const string OperationDescription =
        "Recorded as an operation (audit trail) before it changes anything; its id is the Idempotency-Key header or one the server gives (operationId). " +
        "The same key again answers the first result; with a different change, 422 naming Idempotency-Key.";

    public static RouteGroupBuilder MapAllocationAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(AdminApi.RoutePrefix + "/procedures/{procedureId}").WithTags("Operators")
            .RequireAuthorization(AdminApi.OperatorPolicy).ProducesOperatorProblems();
        api.MapGet("/allocation", GetAllocation).WithName("GetAllocation").WithSummary("A procedure's allocation: mode, cadence, reserves, deadline")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/allocation", SetAllocation).WithName("SetAllocation")
            .WithSummary("Set a procedure's allocation mode (first-come or batch) and batch cadence")
            .WithDescription(OperationDescription + " While requests (batch) or waitlist entries (first-come) are open, 409 allocation-open-requests unless " +
                "force:true. With force, batch to first-come runs a final batch, then each request still open becomes a waitlist entry (id W-...); " +
                "first-come to batch turns each waiting waitlist entry into an open request (id R-...). Nothing is dropped.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/reserves", GetAllocation).WithName("GetReserves").WithSummary("A procedure's allocation, with its regional reserve")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/reserves", SetReserves).WithName("SetReserves")
            .WithSummary("Hold a share of each day's seats for applicants far from Lima (or in listed departments); unclaimed seats fall back before the slot")
            .WithDescription(OperationDescription)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/programme", GetAllocation).WithName("GetProgramme").WithSummary("A procedure's allocation, with its programme deadline")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/programme", SetProgramme).WithName("SetProgramme")
            .WithSummary("Set the programme's legal deadline: whoever files (requests or books) before it counts as filed in time")
            .WithDescription(OperationDescription)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/batches", RunBatch).WithName("RunBatch")
            .WithSummary("Release: run a batch now (a batch a crash interrupted is finished first, and answered)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/batches", ListBatches).WithName("ListBatches").WithSummary("The most recent batches, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/batches/{batchId}", GetBatch).WithName("GetBatch").WithSummary("One batch as recorded: seed, inputs, order, seats offered, plan, assignments")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> GetAllocation(
        string procedureId, IGrainFactory grains, OfficeDirectory directory, CancellationToken cancellationToken)
    {
        if (await directory.ProcedureAsync(procedureId, cancellationToken) is null)
        {
            return UnknownProcedure(procedureId);
        }

        var allocation = grains.GetGrain<IAllocationGrain>(procedureId);
        var settings = await allocation.GetSettings();
        return TypedResults.Ok(Response(procedureId, settings, null, new AllocationChangeOutcome(AllocationChangeResult.Applied, settings, await allocation.OpenRequests(), 0, 0)));
    }

    public static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> SetAllocation(
        string procedureId, AllocationBody? request, [FromHeader(Name = AppointmentsApi.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user,
        IGrainFactory grains, OfficeDirectory directory, AllocationSettingsCache cache, CancellationToken cancellationToken)
    {
        var (refused, errors, operationId, reason) = await BeginChangeAsync(procedureId, request is null, request?.Reason, idempotencyKey, directory, cancellationToken);
        if (refused is not null || request is null)
        {
            return refused!;
        }

        AllocationMode? mode = request.Mode switch
        {
            "first-come" => AllocationMode.FirstCome,
            "batch" => AllocationMode.Batch,
            _ => null,
        };
        if (mode is null)
        {
            errors.Add("mode", "must be first-come or batch");
        }

        if (request.CadenceMinutes is { } minutes && minutes is < 1 or > 1440)
        {
            errors.Add("cadenceMinutes", "must be between 1 and 1440");
        }
        else if (request.CadenceMinutes is not null && mode == AllocationMode.FirstCome)
        {
            errors.Add("cadenceMinutes", "applies to batch mode only");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var change = new AllocationChange(
            AllocationActions.Mode, mode, request.CadenceMinutes, request.Force ?? false, SetReserve: false, null, SetDeadline: false, null, AdminApi.Actor(user), reason);
        return await ChangeAsync(grains, cache, procedureId, operationId, change);
    }

    public static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> SetReserves(
        string procedureId, ReservesBody? request, [FromHeader(Name = AppointmentsApi.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user,
        IGrainFactory grains, OfficeDirectory directory, AllocationSettingsCache cache, CancellationToken cancellationToken)
    {
        var (refused, errors, operationId, reason) = await BeginChangeAsync(procedureId, request is null, request?.Reason, idempotencyKey, directory, cancellationToken);
        if (refused is not null || request is null)
        {
            return refused!;
        }

        if (request.Share is not { } share)
        {
            errors.Add("share", "is required (0 to 1)");
        }
        else if (!double.IsFinite(share) || share is < 0 or > 1)
        {
            errors.Add("share", "must be between 0 and 1");
        }

        if (request.FarFromCapitalKm is { } far && (!double.IsFinite(far) || far is < 0 or > 5000))
        {
            errors.Add("farFromCapitalKm", "must be between 0 and 5000");
        }

        if (request.FallbackLeadHours is not { } lead)
        {
            errors.Add("fallbackLeadHours", "is required (hours before a slot, 0 to 720)");
        }
        else if (!double.IsFinite(lead) || lead is < 0 or > 720)
        {
            errors.Add("fallbackLeadHours", "must be between 0 and 720");
        }

        var departments = new List<string>();
        var known = (await directory.OfficesAsync(cancellationToken)).Select(o => o.Department).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (department, i) in (request.Departments ?? []).Select((d, i) => (d, i)))
        {
            if (errors.RequireText($"departments[{i}]", department, 100) is not { } name)
            {
                continue;
            }

            if (!known.Contains(name))
            {
                errors.Add($"departments[{i}]", $"no office is in a department named '{name}'");
            }
            else
            {
                departments.Add(name);
            }
        }

        if (request.Share is > 0 && request.FarFromCapitalKm is null && departments.Count == 0 && errors.IsEmpty)
        {
            errors.Add("farFromCapitalKm", "give farFromCapitalKm or departments: who the reserve is for");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var reserve = request.Share is > 0 ? new ReservePolicy(request.Share.Value, request.FarFromCapitalKm, departments, request.FallbackLeadHours!.Value) : null;
        var change = new AllocationChange(AllocationActions.Reserves, null, null, false, SetReserve: true, reserve, SetDeadline: false, null, AdminApi.Actor(user), reason);
        return await ChangeAsync(grains, cache, procedureId, operationId, change);
    }

    public static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> SetProgramme(
        string procedureId, ProgrammeBody? request, [FromHeader(Name = AppointmentsApi.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user,
        IGrainFactory grains, OfficeDirectory directory, AllocationSettingsCache cache, CancellationToken cancellationToken)
    {
        var (refused, errors, operationId, reason) = await BeginChangeAsync(procedureId, request is null, request?.Reason, idempotencyKey, directory, cancellationToken);
        if (refused is not null || request is null)
        {
            return refused!;
        }

        DateTimeOffset? deadline = null;
        if (request.Deadline is not null)
        {
            // An instant needs its offset: a deadline read in some other zone would move by hours.
            if (request.Deadline.Length > 40 || !request.Deadline.Contains('T', StringComparison.Ordinal) ||
                !DateTimeOffset.TryParse(request.Deadline, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ||
                !(request.Deadline.EndsWith('Z') || request.Deadline.LastIndexOfAny(['+', '-']) > request.Deadline.IndexOf('T', StringComparison.Ordinal)))
            {
                errors.Add("deadline", "must be an ISO 8601 instant with its offset, e.g. 2023-11-10T23:59:59-05:00");
            }
            else if (instant.Year is < 2000 or > 2100)
            {
                errors.Add("deadline", "must be between the years 2000 and 2100");
            }
            else
            {
                deadline = instant.ToUniversalTime();
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var change = new AllocationChange(AllocationActions.Programme, null, null, false, SetReserve: false, null, SetDeadline: true, deadline, AdminApi.Actor(user), reason);
        return await ChangeAsync(grains, cache, procedureId, operationId, change);
    }

    public static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RunBatch(
        string procedureId, ClaimsPrincipal user, IGrainFactory grains, OfficeDirectory directory, CancellationToken cancellationToken)
    {
        if (await directory.ProcedureAsync(procedureId, cancellationToken) is null)
        {
            return UnknownProcedure(procedureId);
        }

        return TypedResults.Ok(Response(await grains.GetGrain<IAllocationGrain>(procedureId).RunBatch(AdminApi.Actor(user))));
    }

    public static async Task<Results<Ok<BatchResponse[]>, ProblemHttpResult>> ListBatches(
        string procedureId, int? limit, IGrainFactory grains, OfficeDirectory directory, CancellationToken cancellationToken)
    {
        if (await directory.ProcedureAsync(procedureId, cancellationToken) is null)
        {
            return UnknownProcedure(procedureId);
        }

        if (limit is { } l && l is < 1 or > 100)
        {
            return Problems.Problems.Validation("limit", "must be between 1 and 100");
        }

        var batches = await grains.GetGrain<IAllocationGrain>(procedureId).ListBatches(limit ?? 20);
        return TypedResults.Ok(batches.Select(Response).ToArray());
    }

    public static async Task<Results<Ok<BatchDetailResponse>, ProblemHttpResult>> GetBatch(
        string procedureId, string batchId, IGrainFactory grains, OfficeDirectory directory, CancellationToken cancellationToken)
    {
        if (await directory.ProcedureAsync(procedureId, cancellationToken) is null)
        {
            return UnknownProcedure(procedureId);
        }

        if (await grains.GetGrain<IAllocationGrain>(procedureId).GetBatch(batchId) is not { } batch || batch.Procedure != procedureId)
        {
            return Problems.Problems.NotFound($"There is no batch '{batchId}' of '{procedureId}'.");
        }

        return TypedResults.Ok(new BatchDetailResponse(
            batch.Id, batch.Procedure, batch.Seed, batch.DecidedAt, batch.Actor, batch.Finished, Reserve(batch.Reserve),
            batch.Requests.Select(r => new BatchRequestResponse(
                r.RequestId, string.Create(CultureInfo.InvariantCulture, $"{r.HomeLatitude},{r.HomeLongitude}"), r.RadiusKm, r.Offices,
                RequestReader.Format(r.From), RequestReader.Format(r.To), r.InReserveGroup)).ToArray(),
            batch.Order,
            batch.SeatsOffered.Select(d => new OfferedDayResponse(
                d.OfficeId, RequestReader.Format(d.Date),
                d.Slots.Select(s => new SlotResponse(RequestReader.Format(s.Start), RequestReader.Format(s.End), s.Capacity, s.Free)).ToArray(),
                d.ReserveHeld, d.FallenBackThrough.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture))).ToArray(),
            batch.Plan.Select(p => new PlannedSeatResponse(p.RequestId, p.OfficeId, RequestReader.Format(p.Date), RequestReader.Format(p.Start), p.Reserve)).ToArray(),
            batch.Assigned));
    }

    private static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> ChangeAsync(
        IGrainFactory grains, AllocationSettingsCache cache, string procedureId, string? operationId, AllocationChange change)
    {
        var id = operationId ?? Guid.NewGuid().ToString("N");
        var outcome = await grains.GetGrain<IAllocationGrain>(procedureId).Change(id, change);
        cache.Invalidate(procedureId);
        return outcome.Result switch
        {
            AllocationChangeResult.IdReused => Problems.Problems.IdempotencyKeyReused(),
            AllocationChangeResult.OpenRequests => AllocationProblems.OpenRequests(outcome.Open),
            _ => TypedResults.Ok(Response(procedureId, outcome.Settings, id, outcome)),
        };
    }

    private static ProblemHttpResult UnknownProcedure(string procedureId) => Problems.Problems.NotFound($"There is no procedure '{procedureId}'.");

    private static AllocationResponse Response(string procedure, AllocationSettings settings, string? operationId, AllocationChangeOutcome outcome) => new(
        procedure, settings.Mode == AllocationMode.Batch ? "batch" : "first-come", settings.CadenceMinutes, Reserve(settings.Reserve), settings.Deadline, operationId,
        outcome.Open, outcome.CarriedOver, outcome.AssignedByFinalBatch);

    private static ReserveResponse? Reserve(ReservePolicy? reserve) =>
        reserve is null ? null : new ReserveResponse(reserve.Share, reserve.FarFromCapitalKm, reserve.Departments, reserve.FallbackLeadHours);

    private static BatchResponse Response(BatchSummary b) => new(b.Id, b.Seed, b.DecidedAt, b.Requests, b.SeatsOffered, b.Assigned, b.Finished);

    /// <summary>
    /// The start of every settings change: the procedure must exist and the body be present (else the problem to answer);
    /// the Idempotency-Key (the operation's id) and the reason are read into the field errors the change goes on to fill.
    /// With <paramref name="noBody"/>, the problem is never null.
    /// </summary>
    private static async Task<(ProblemHttpResult? Refused, FieldErrors Errors, string? OperationId, string? Reason)> BeginChangeAsync(
        string procedureId, bool noBody, string? reasonText, string? idempotencyKey, OfficeDirectory directory, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (await directory.ProcedureAsync(procedureId, cancellationToken) is null)
        {
            return (UnknownProcedure(procedureId), errors, null, null);
        }

        if (noBody)
        {
            return (Problems.Problems.Validation("body", "is required"), errors, null, null);
        }

        var operationId = AppointmentsApi.IdempotencyKey(errors, idempotencyKey);
        return (null, errors, operationId, errors.OptionalText("reason", reasonText, 500));
    }
}
