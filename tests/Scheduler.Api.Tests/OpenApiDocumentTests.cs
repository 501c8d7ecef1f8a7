namespace Scheduler.Api.Tests;

/// <summary>
/// The OpenAPI document states every route's error answers as problem details, which parameters and body fields
/// are required, and that operator routes need a bearer token. (.ci/run also lints it with Redocly CLI.)
/// </summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class OpenApiDocumentTests(SchedulerApiFactory api)
{
    private readonly HttpClient http = api.CreateClient();

    public static TheoryData<string, string, int[]> ErrorAnswers => new()
    {
        { "get", "/api/v1/procedures", [400, 503] },
        { "get", "/api/v1/offices", [400, 503] },
        { "get", "/api/v1/offices/{officeId}", [400, 404, 503] },
        { "get", "/api/v1/offices/{officeId}/availability", [400, 404, 503] },
        { "get", "/api/v1/availability/earliest", [400, 503] },
        { "post", "/api/v1/appointments", [400, 403, 404, 409, 413, 415, 422, 429, 503] },
        { "post", "/api/v1/appointments/recover", [400, 413, 415, 503] },
        { "get", "/api/v1/appointments/{code}", [400, 404, 429, 503] },
        { "delete", "/api/v1/appointments/{code}", [400, 404, 429, 503] },
        { "post", "/api/v1/appointments/{code}/reschedule", [400, 403, 404, 409, 413, 415, 429, 503] },
        { "post", "/api/v1/waitlist", [400, 409, 413, 415, 503] },
        { "post", "/api/v1/waitlist/recover", [400, 413, 415, 503] },
        { "get", "/api/v1/waitlist/{id}", [400, 404, 429, 503] },
        { "delete", "/api/v1/waitlist/{id}", [400, 404, 429, 503] },
        { "put", "/api/v1/admin/offices/{officeId}/capacity", [400, 401, 403, 404, 409, 413, 415, 422, 503] },
        { "post", "/api/v1/admin/offices/{officeId}/closures", [400, 401, 403, 404, 409, 413, 415, 422, 503] },
        { "post", "/api/v1/admin/capacity/transfers", [400, 401, 403, 409, 413, 415, 422, 503] },
        { "get", "/api/v1/admin/utilization", [400, 401, 403, 503] },
        { "get", "/api/v1/admin/offices/{officeId}/appointments", [400, 401, 403, 404, 503] },
        { "get", "/api/v1/admin/audit", [400, 401, 403, 503] },
        { "post", "/api/v1/requests", [400, 403, 409, 413, 415, 422, 429, 503] },
        { "get", "/api/v1/requests/{id}", [400, 404, 429, 503] },
        { "delete", "/api/v1/requests/{id}", [400, 404, 429, 503] },
        { "get", "/api/v1/admin/procedures/{procedureId}/allocation", [400, 401, 403, 404, 503] },
        { "put", "/api/v1/admin/procedures/{procedureId}/allocation", [400, 401, 403, 404, 409, 413, 415, 422, 503] },
        { "put", "/api/v1/admin/procedures/{procedureId}/reserves", [400, 401, 403, 404, 413, 415, 422, 503] },
        { "put", "/api/v1/admin/procedures/{procedureId}/programme", [400, 401, 403, 404, 413, 415, 422, 503] },
        { "post", "/api/v1/admin/procedures/{procedureId}/batches", [400, 401, 403, 404, 503] },
        { "get", "/api/v1/admin/procedures/{procedureId}/batches", [400, 401, 403, 404, 503] },
        { "get", "/api/v1/admin/procedures/{procedureId}/batches/{batchId}", [400, 401, 403, 404, 503] },
        { "post", "/api/v1/admission", [400, 413, 415, 428, 429, 503] },
        { "get", "/api/v1/admission/{ticket}", [400, 404, 429, 503] },
        { "get", "/api/v1/admin/procedures/{procedureId}/admission", [400, 401, 403, 404, 503] },
        { "put", "/api/v1/admin/procedures/{procedureId}/admission", [400, 401, 403, 404, 413, 415, 503] },
    };

    [Theory]
    [MemberData(nameof(ErrorAnswers))]
    public async Task Every_error_answer_of_a_route_is_listed_as_problem_details(string method, string path, int[] statuses)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        var responses = operation.GetProperty("responses");
        var errors = responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5').Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(statuses, errors);
        foreach (var status in statuses)
        {
            var schema = responses.GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
            Assert.Equal(status == 400 ? "#/components/schemas/HttpValidationProblemDetails" : "#/components/schemas/ProblemDetails", schema);
        }
    }

    [Theory]
    [MemberData(nameof(ErrorAnswers))]
    public async Task Operator_routes_need_the_bearer_scheme_and_the_others_need_nothing(string method, string path, int[] statuses)
    {
        var document = await DocumentAsync();
        var security = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security");

        var requirement = Assert.Single(security.EnumerateArray());
        if (path.StartsWith("/api/v1/admin/", StringComparison.Ordinal))
        {
            Assert.Contains(401, statuses);
            Assert.Equal(0, requirement.GetProperty("Bearer").GetArrayLength());
            var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
            Assert.Equal("http", scheme.GetProperty("type").GetString());
            Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        }
        else
        {
            Assert.Empty(requirement.EnumerateObject());
        }
    }

    [Theory]
    [InlineData("get", "/api/v1/offices/{officeId}/availability", "procedure,officeId", "from,to")]
    [InlineData("get", "/api/v1/availability/earliest", "procedure,near", "radiusKm,from,limit")]
    [InlineData("get", "/api/v1/appointments/{code}", "code,X-Document-Number", "")]
    [InlineData("post", "/api/v1/appointments/{code}/reschedule", "code,X-Document-Number", "Idempotency-Key,Admission-Token")]
    [InlineData("post", "/api/v1/appointments", "", "Idempotency-Key,Admission-Token")]
    [InlineData("delete", "/api/v1/waitlist/{id}", "id,X-Document-Number", "")]
    [InlineData("get", "/api/v1/admin/utilization", "procedure", "from,to")]
    [InlineData("put", "/api/v1/admin/offices/{officeId}/capacity", "officeId", "Idempotency-Key")]
    [InlineData("post", "/api/v1/admin/offices/{officeId}/closures", "officeId", "Idempotency-Key")]
    [InlineData("post", "/api/v1/admin/capacity/transfers", "", "Idempotency-Key")]
    [InlineData("get", "/api/v1/offices", "", "procedure,near,limit")]
    public async Task Required_parameters_are_marked_required(string method, string path, string required, string optional)
    {
        var parameters = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var r) && r.GetBoolean());

        Assert.All(Names(required), name => Assert.True(parameters[name], $"{name} should be required"));
        Assert.All(Names(optional), name => Assert.False(parameters[name], $"{name} should be optional"));
    }

    [Theory]
    [InlineData("BookAppointmentRequest", "procedure,officeId,date,applicant")]
    [InlineData("ApplicantRequest", "documentType,documentNumber,country,fullName")]
    [InlineData("RescheduleRequest", "officeId,date")]
    [InlineData("WaitlistRequest", "procedure,near,applicant")]
    [InlineData("CapacityRequest", "procedure,from,to,counters")]
    [InlineData("ClosureRequest", "date,reason")]
    [InlineData("TransferRequestBody", "procedure,fromOfficeId,toOfficeId,from,to,counters")]
    [InlineData("AdmissionRequest", "procedure")]
    public async Task A_request_body_lists_only_its_required_fields_as_required(string schema, string required)
    {
        var listed = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("required")
            .EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(Names(required).Order(StringComparer.Ordinal), listed);
    }

    [Theory]
    [InlineData("post", "/api/v1/appointments")]
    [InlineData("post", "/api/v1/appointments/{code}/reschedule")]
    [InlineData("post", "/api/v1/waitlist")]
    [InlineData("put", "/api/v1/admin/offices/{officeId}/capacity")]
    [InlineData("post", "/api/v1/admin/offices/{officeId}/closures")]
    [InlineData("post", "/api/v1/admin/capacity/transfers")]
    [InlineData("post", "/api/v1/admission")]
    [InlineData("put", "/api/v1/admin/procedures/{procedureId}/admission")]
    public async Task A_route_that_takes_a_body_requires_it(string method, string path)
    {
        var body = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody");

        Assert.True(body.GetProperty("required").GetBoolean());
        Assert.True(body.GetProperty("content").TryGetProperty("application/json", out _));
    }

    private static string[] Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
}
