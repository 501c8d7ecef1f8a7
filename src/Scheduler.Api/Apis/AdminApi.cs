using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.Grains;

namespace Scheduler.Api.Apis;

/// <summary>Operator routes: capacity, closures, rosters, audit. JWT bearer with role <c>operator</c>.</summary>
public static class AdminApi
{
    public const string OperatorPolicy = "operator";
    public const string RoutePrefix = "/api/v1/admin";

    private const string OperationIdDescription =
        "The operation's id is the Idempotency-Key header (1-100 printable ASCII characters), or one the server gives, answered as operationId. " +
        "The operation is recorded (and appears in the audit trail) before the change. If the answer is lost or a failure part-way answers 503, " +
        "sending the same request with the same Idempotency-Key finishes the same change and answers its result; after success it answers the first " +
        "result and does nothing again. The same key with a different change is a 422 naming Idempotency-Key.";

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(RoutePrefix).WithTags("Operators").RequireAuthorization(OperatorPolicy).ProducesOperatorProblems();
        api.MapPut("/offices/{officeId}/capacity", SetCapacity).WithName("SetCapacity")
            .WithSummary("Set counters (and hours) for a procedure over a date range; displaced appointments are relocated (or, with relocate:false, the change is refused)")
            .WithDescription(OperationIdDescription)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/offices/{officeId}/closures", CloseDay).WithName("CloseDay")
            .WithSummary("Close an office for a day; every appointment moves to the nearest free seat that day or the next days, or is reported")
            .WithDescription(OperationIdDescription)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/capacity/transfers", Transfer).WithName("TransferCounters")
            .WithSummary("Move counters between offices over a date range: both change, or neither does")
            .WithDescription("The transfer's id is the body's transferId or the Idempotency-Key header (equal when both are given), or one the server gives (answered as id). " +
                "A failure before the commit point (503) undoes both offices; sending the same id again runs the transfer, and after it committed answers the first result. " +
                "The same id with a different move is a 422 naming the field that carried it.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/utilization", GetUtilization).WithName("GetUtilization")
            .WithSummary("Per office and department: capacity, booked, utilisation, sold-out days, waitlist length; requests filed in time still unserved");
        api.MapGet("/offices/{officeId}/appointments", GetRoster).WithName("GetRoster").WithSummary("An office's appointments on one date")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/audit", GetAudit).WithName("GetAudit").WithSummary("Operator actions between two instants");
        return api;
    }

    public static async Task<Results<Ok<CapacityResponse>, ProblemHttpResult>> SetCapacity(
        string officeId, CapacityRequest? request, [FromHeader(Name = AppointmentsApi.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, IGrainFactory grains, OfficeDirectory directory, AvailabilityCache cache, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await directory.OfficeAsync(officeId, cancellationToken) is not { } office)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var errors = new FieldErrors();
        await OfficesApi.KnownProcedure(errors, directory, request.Procedure, required: true, cancellationToken);
        var (from, to) = DateRange(errors, request.From, request.To, clock.At(office.TimeZone).Today);
        var open = errors.Time("open", request.Open);
        var close = errors.Time("close", request.Close);
        var reason = errors.OptionalText("reason", request.Reason, 500);
        var (radiusKm, searchDays) = Reach(errors, request.RadiusKm, request.SearchDays);
        var weekdays = Weekdays(errors, request.Weekdays);
        var counters = Counters(errors, request.Counters);
        var operationId = AppointmentsApi.IdempotencyKey(errors, idempotencyKey);
        if ((open is null) != (close is null))
        {
            errors.Add(open is null ? "open" : "close", "open and close must be given together");
        }
        else if (open is not null && close <= open)
        {
            errors.Add("close", "must be after open");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var hours = open is not null ? new OpeningHours(open.Value, close!.Value) : null;
        var rule = new CapacityRule(request.Procedure!, from!.Value, to!.Value, weekdays, hours, counters);
        var change = new CapacityChange([rule], Actor(user), reason, request.Relocate ?? true, radiusKm, searchDays);
        var description = $"{rule.Procedure} {RequestReader.Format(rule.From)}..{RequestReader.Format(rule.To)}: {counters} counters" +
            (hours is null ? string.Empty : $", {RequestReader.Format(hours.Open)}-{RequestReader.Format(hours.Close)}") +
            (weekdays.Count == 0 ? string.Empty : " on " + string.Join(",", weekdays));
        return await RunAsync(grains, cache, operationId, new OperatorChangeRequest(officeId, "capacity-changed", change, description, reason));
    }

    public static async Task<Results<Ok<CapacityResponse>, ProblemHttpResult>> CloseDay(
        string officeId, ClosureRequest? request, [FromHeader(Name = AppointmentsApi.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, IGrainFactory grains, OfficeDirectory directory, AvailabilityCache cache, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await directory.OfficeAsync(officeId, cancellationToken) is not { } office)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var errors = new FieldErrors();
        var today = clock.At(office.TimeZone).Today;
        var date = errors.OperatorDate("date", request.Date, today);
        var reason = errors.RequireText("reason", request.Reason, 500);
        var (radiusKm, searchDays) = Reach(errors, request.RadiusKm, request.SearchDays);
        var operationId = AppointmentsApi.IdempotencyKey(errors, idempotencyKey);
        if (date is { } day && day < today)
        {
            errors.Add("date", "is in the past");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var rules = office.Procedures.Order(StringComparer.Ordinal).Select(p => new CapacityRule(p, date!.Value, date.Value, [], null, 0)).ToArray();
        var change = new CapacityChange(rules, Actor(user), $"office closed: {reason}", request.Relocate ?? true, radiusKm, searchDays);
        return await RunAsync(grains, cache, operationId, new OperatorChangeRequest(officeId, "day-closed", change, RequestReader.Format(date!.Value), reason));
    }

    /// <summary>
    /// Runs a capacity change or closure as the operation <paramref name="operationId"/> (a new id when the client
    /// sent none): its record, stored before the change, is its audit entry; the same id again finishes a change that
    /// failed part-way, or answers the first result.
    /// </summary>
    private static async Task<Results<Ok<CapacityResponse>, ProblemHttpResult>> RunAsync(
        IGrainFactory grains, AvailabilityCache cache, string? operationId, OperatorChangeRequest request)
    {
        var id = operationId ?? Guid.NewGuid().ToString("N");
        var outcome = await grains.GetGrain<IOperatorChangeGrain>(id).Run(request);
        if (outcome.IdReused || outcome.Result is not { } result)
        {
            return Problems.Problems.IdempotencyKeyReused();
        }

        Forget(cache, request.OfficeId, result);
        if (!result.Applied)
        {
            return Problems.Problems.CapacityConflict(result.Displaced.Select(a => a.ToResponse()).ToArray());
        }

        return TypedResults.Ok(Response(id, request.OfficeId, result));
    }

    public static async Task<Results<Ok<TransferResponse>, ProblemHttpResult>> Transfer(
        TransferRequestBody? request, [FromHeader(Name = AppointmentsApi.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, IGrainFactory grains, OfficeDirectory directory, AvailabilityCache cache, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var errors = new FieldErrors();
        await OfficesApi.KnownProcedure(errors, directory, request.Procedure, required: true, cancellationToken);
        var source = await KnownOffice(errors, directory, "fromOfficeId", request.FromOfficeId, cancellationToken);
        var destination = await KnownOffice(errors, directory, "toOfficeId", request.ToOfficeId, cancellationToken);
        if (source is not null && source.Id == destination?.Id)
        {
            errors.Add("toOfficeId", "must differ from fromOfficeId");
        }

        var today = clock.At(source?.TimeZone ?? destination?.TimeZone ?? "America/Lima").Today;
        var (from, to) = DateRange(errors, request.From, request.To, today);
        var counters = Counters(errors, request.Counters);
        if (request.Counters is 0)
        {
            errors.Add("counters", "must be at least 1");
        }

        var reason = errors.OptionalText("reason", request.Reason, 500);
        var key = AppointmentsApi.IdempotencyKey(errors, idempotencyKey);
        var transferId = request.TransferId is null ? null : errors.Id("transferId", request.TransferId);
        if (key is not null && transferId is not null && key != transferId)
        {
            errors.Add("transferId", $"must equal the {AppointmentsApi.IdempotencyKeyHeader} header when both are given");
        }

        // The body's transferId came first; the header is the same key under the name every other route uses.
        var idField = transferId is not null ? "transferId" : AppointmentsApi.IdempotencyKeyHeader;
        var id = transferId ?? key ?? Guid.NewGuid().ToString("N");
        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var transfer = new TransferRequest(request.Procedure!, source!.Id, destination!.Id, from!.Value, to!.Value, counters, Actor(user), reason);
        var result = await grains.GetGrain<ICapacityTransferGrain>(id).Execute(transfer);
        if (result.IdReused || (result.Request is { } first && !first.SameMove(transfer)))
        {
            return Problems.Problems.IdempotencyKeyReused(idField);
        }

        cache.Invalidate(source.Id);
        cache.Invalidate(destination.Id);
        if (result.Status != TransferStatus.Committed)
        {
            return result.Displaced.Count > 0
                ? Problems.Problems.CapacityConflict(result.Displaced.Select(a => a.ToResponse()).ToArray())
                : Problems.Problems.TransferRefused(result.Error ?? "The transfer was not applied.");
        }

        return TypedResults.Ok(new TransferResponse(
            id, "committed", transfer.Procedure, source.Id, destination.Id, RequestReader.Format(transfer.From), RequestReader.Format(transfer.To), counters));
    }

    public static async Task<Results<Ok<UtilizationResponse>, ProblemHttpResult>> GetUtilization(
        [Required] string? procedure, string? from, string? to, IGrainFactory grains, OfficeDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        await OfficesApi.KnownProcedure(errors, directory, procedure, required: true, cancellationToken);
        var offices = (await directory.OfficesAsync(cancellationToken)).Where(o => procedure is null || o.Procedures.Contains(procedure)).ToArray();
        var today = clock.At(offices.FirstOrDefault()?.TimeZone ?? "America/Lima").Today;
        var first = errors.OperatorDate("from", from, today, required: false) ?? today;
        var last = errors.OperatorDate("to", to, today, required: false) ?? first.AddDays(13);
        if (errors.IsEmpty && last < first)
        {
            errors.Add("to", "must not be before 'from'");
        }
        else if (errors.IsEmpty && last.DayNumber - first.DayNumber > 366)
        {
            errors.Add("to", "the range may span at most 366 days");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var usage = await Task.WhenAll(offices.Select(o => grains.GetGrain<IOfficeGrain>(o.Id).GetUtilization(procedure!, first, last)));
        var waiting = await grains.GetGrain<IWaitlistGrain>(procedure!).WaitingByOffice(first, last);
        var rows = offices.Zip(usage, (o, u) =>
        {
            var queue = waiting.GetValueOrDefault(o.Id);
            return new OfficeUtilizationResponse(
                o.Id, o.Name, o.Department, u.Capacity, u.Booked, Ratio(u.Booked, u.Capacity), u.SoldOutDays, u.OpenDays, queue,
                u.SoldOutDays > 0 || queue > 0);
        }).OrderByDescending(r => r.Utilization).ThenBy(r => r.OfficeId, StringComparer.Ordinal).ToArray();
        var departments = rows.GroupBy(r => r.Department).Select(g => new DepartmentUtilizationResponse(
            g.Key, g.Count(), g.Sum(r => r.Capacity), g.Sum(r => r.Booked), Ratio(g.Sum(r => r.Booked), g.Sum(r => r.Capacity)),
            g.Sum(r => r.SoldOutDays), g.Sum(r => r.Waitlist), g.Any(r => r.DemandExceedsSupply)))
            .OrderByDescending(d => d.Utilization).ThenBy(d => d.Department, StringComparer.Ordinal).ToArray();
        var unserved = await grains.GetGrain<IAllocationGrain>(procedure!).UnservedInTime(first, last);
        return TypedResults.Ok(new UtilizationResponse(procedure!, RequestReader.Format(first), RequestReader.Format(last), rows, departments, unserved));
    }

    public static async Task<Results<Ok<RosterResponse>, ProblemHttpResult>> GetRoster(
        string officeId, string? date, IGrainFactory grains, OfficeDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await directory.OfficeAsync(officeId, cancellationToken) is not { } office)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        var errors = new FieldErrors();
        var today = clock.At(office.TimeZone).Today;
        var day = errors.OperatorDate("date", date, today, required: false) ?? today;
        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var rosters = await Task.WhenAll(office.Procedures.Select(p =>
            grains.GetGrain<IDayInventoryGrain>(new DayKey(officeId, p, day).ToString()).GetRoster()));
        return TypedResults.Ok(new RosterResponse(officeId, RequestReader.Format(day), rosters.Select(r => new RosterProcedure(
            r.Procedure,
            r.Slots.Select(s =>
            {
                var here = r.Appointments.Where(a => a.Start == s.Start).ToArray();
                return new RosterSlot(
                    RequestReader.Format(s.Start), RequestReader.Format(s.End), s.Capacity, here.Count(a => a.IsActive),
                    here.Select(a => new RosterEntry(
                        a.Code, RequestReader.Format(a.Start), Responses.Status(a.Status), a.Applicant.Identity.DocumentType,
                        a.Applicant.Identity.DocumentNumber, a.Applicant.Identity.Country, a.Applicant.FullName)).ToArray());
            }).ToArray())).ToArray()));
    }

    public static async Task<Results<Ok<AuditEntryResponse[]>, ProblemHttpResult>> GetAudit(
        string? from, string? to, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var start = Instant(errors, "from", from, now) ?? now.AddDays(-7);
        var end = Instant(errors, "to", to, now) ?? now;
        if (errors.IsEmpty && end < start)
        {
            errors.Add("to", "must not be before 'from'");
        }
        else if (errors.IsEmpty && end - start > TimeSpan.FromDays(366))
        {
            errors.Add("to", "the range may span at most 366 days");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var months = await Task.WhenAll(AuditTrailGrain.Months(start, end).Select(m => grains.GetGrain<IAuditTrailGrain>(m).Read(start, end)));
        return TypedResults.Ok(months.SelectMany(m => m).OrderBy(e => e.At)
            .Select(e => new AuditEntryResponse(e.At, e.Actor, e.Action, e.Target, e.Detail, e.Reason, e.OperationId, e.Status)).ToArray());
    }

    /// <summary>A change may move people to other offices: forget what this front door cached for every office it touched.</summary>
    private static void Forget(AvailabilityCache cache, string officeId, CapacityChangeResult result)
    {
        foreach (var office in result.ChangedDays.Select(d => d.OfficeId).Concat(result.Relocated.Select(r => r.To.OfficeId))
            .Concat(result.Displaced.Select(a => a.OfficeId)).Append(officeId).Distinct())
        {
            cache.Invalidate(office);
        }
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static async ValueTask<OfficeSummary?> KnownOffice(FieldErrors errors, OfficeDirectory directory, string field, string? id, CancellationToken cancellationToken)
    {
        if (errors.Id(field, id) is not { } valid)
        {
            return null;
        }

        var office = await directory.OfficeAsync(valid, cancellationToken);
        if (office is null)
        {
            errors.Add(field, $"there is no office '{valid}'");
        }

        return office;
    }

    internal static string Actor(ClaimsPrincipal user) =>
        "operator:" + (user.Identity?.Name ?? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown");

    internal static (DateOnly? From, DateOnly? To) DateRange(FieldErrors errors, string? from, string? to, DateOnly today)
    {
        var first = errors.OperatorDate("from", from, today);
        var last = errors.OperatorDate("to", to, today);
        if (first is not null && last is not null && last < first)
        {
            errors.Add("to", "must not be before 'from'");
        }
        else if (last is not null && last < today)
        {
            errors.Add("to", "is in the past");
        }
        else if (first is not null && last is not null && last.Value.DayNumber - first.Value.DayNumber > 366)
        {
            errors.Add("to", "the range may span at most 366 days");
        }

        return (first, last);
    }

    internal static int Counters(FieldErrors errors, int? counters)
    {
        if (counters is not { } value)
        {
            errors.Add("counters", "is required");
            return 0;
        }

        if (value is < 0 or > 500)
        {
            errors.Add("counters", "must be between 0 and 500");
        }

        return value;
    }

    private static (double RadiusKm, int SearchDays) Reach(FieldErrors errors, double? radiusKm, int? searchDays)
    {
        if (radiusKm is { } r && (!double.IsFinite(r) || r < 0 || r > 5000))
        {
            errors.Add("radiusKm", "must be between 0 and 5000");
        }

        if (searchDays is { } d && d is < 0 or > 30)
        {
            errors.Add("searchDays", "must be between 0 and 30");
        }

        return (radiusKm ?? 50, searchDays ?? 7);
    }

    private static List<DayOfWeek> Weekdays(FieldErrors errors, string[]? names)
    {
        var weekdays = new List<DayOfWeek>();
        foreach (var (day, i) in (names ?? []).Select((d, i) => (d, i)))
        {
            if (day is null || int.TryParse(day, out _) || !Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var weekday))
            {
                errors.Add($"weekdays[{i}]", "must be a weekday name such as monday");
            }
            else
            {
                weekdays.Add(weekday);
            }
        }

        return weekdays;
    }

    private static DateTimeOffset? Instant(FieldErrors errors, string field, string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length > 40 || !DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
        {
            errors.Add(field, "must be a date (YYYY-MM-DD) or an ISO 8601 instant");
            return null;
        }

        // Nothing is recorded ahead of now, and the trail's months are counted forward from 'from': keep clear of year 9999.
        if (instant > now.AddDays(RequestReader.OperatorPlanningDays))
        {
            errors.Add(field, $"must not be more than {RequestReader.OperatorPlanningDays} days ahead");
            return null;
        }

        return instant;
    }

    private static CapacityResponse Response(string operationId, string officeId, CapacityChangeResult result) => new(
        operationId,
        officeId,
        result.ChangedDays.Select(d => new DayPlanResponse(
            d.Procedure, RequestReader.Format(d.Date), d.Slots.Sum(s => s.Capacity),
            d.Slots.Select(s => new SlotResponse(RequestReader.Format(s.Start), RequestReader.Format(s.End), s.Capacity, s.Capacity)).ToArray())).ToArray(),
        result.Relocated.Select(r => new RelocationResponse(r.To.Code, Place(r.From), Place(r.To))).ToArray(),
        result.Unplaced.Select(a => a.ToResponse()).ToArray());

    private static PlaceResponse Place(Appointment a) => new(a.OfficeId, RequestReader.Format(a.Date), RequestReader.Format(a.Start));
}
