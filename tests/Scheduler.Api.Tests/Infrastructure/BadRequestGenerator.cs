using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>
/// Malformed requests for every operation of the API's own OpenAPI document, from a seeded random source. Each
/// request starts from plausible values (a real office, procedure and date) and carries at least one fault that
/// alone makes it invalid: a bad path value, query value, header, body, content type or credential. Operations
/// the document gains later are covered without changing this class.
/// </summary>
public sealed class BadRequestGenerator
{
    private const string AdminPrefix = "/api/v1/admin/";

    private static readonly string[] ControlCharacters = ["\u0000", "\u0007", "\u001b[31m", "\r\n", "\t", "\u007f"];
    private static readonly string[] BadDates = ["9999-12-31", "2026-02-30", "2026-13-01", "01/03/2026", "tomorrow", "2026-1-1", "20261201", "+2026-12-01", "2026-12-01T00:00"];
    private static readonly string[] BadInstants = ["9999-12-31T00:00:00Z", "9999-12-31", "2026-02-30", "yesterday", "2026-13-01T00:00:00Z", "now", "T10:00"];
    private static readonly string[] BadTimes = ["8:00", "08:00:00", "8am", "25:00", "08h00", "24:00", "-01:00"];
    private static readonly string[] BadIds = ["NO SUCH", "LIM-BRENA", "lim_brena", "ñandú", "lim brena", "a/b", "x'--"];
    private static readonly string[] BadNears = ["abc", "91,0", "0,181", "NaN,NaN", "1,2,3", "-12.05;-77.04", "Infinity,0", ",", "-12.05"];
    private static readonly string[] BadDocumentNumbers = ["1234", "!!!!!!!!", "ABC DEF GHI JKL MNO PQR STU VWX", "12345678901234567890123", "--..--"];
    private static readonly string[] BadIdempotencyKeys = ["has space", "ñandú", "\"quoted key\"", "tab\there"];
    private static readonly string[] BadContentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream"];
    private static readonly string[] Accepts = ["application/json", "application/problem+json", "application/xml", "text/html", "text/plain", "*/*"];

    private readonly Random random;
    private readonly JsonElement schemas;
    private readonly OperatorTokens tokens;
    private readonly DateOnly day;

    public BadRequestGenerator(JsonElement document, OperatorTokens tokens, DateOnly day, int seed)
    {
        random = new Random(seed);
        schemas = document.GetProperty("components").GetProperty("schemas");
        this.tokens = tokens;
        this.day = day;
        Operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => Operation.From(path.Name, method.Name, method.Value)))
            .ToArray();
    }

    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>One malformed request for <paramref name="operation"/>.</summary>
    public Case Next(Operation operation)
    {
        var faults = new List<Fault> { Fault.QueryControlCharacter };
        if (operation.PathParameters.Count > 0)
        {
            faults.Add(Fault.PathValue);
        }

        if (operation.QueryParameters.Count > 0)
        {
            faults.AddRange([Fault.QueryValue, Fault.QueryValue, Fault.QueryValue]);
        }

        if (operation.RequiredQueryParameters.Any())
        {
            faults.Add(Fault.MissingQueryValue);
        }

        if (operation.Headers.Count > 0)
        {
            faults.AddRange([Fault.HeaderValue, Fault.HeaderValue]);
        }

        if (operation.BodySchema is not null)
        {
            faults.AddRange([Fault.BodyFieldType, Fault.BodyFieldType, Fault.BodyFieldValue, Fault.BodyFieldValue, Fault.BodyFieldMissing,
                Fault.BodyBroken, Fault.BodyRoot, Fault.BodyContentType, Fault.BodyTooLarge, Fault.BodyNesting, Fault.BodyEncoding]);
        }

        // Operator routes mostly with a valid operator token, so the faults reach their handlers.
        var credential = operation.IsOperatorRoute
            ? Pick(Credential.Operator, Credential.Operator, Credential.Operator, Credential.None, Credential.WithoutRole, Credential.Forged)
            : Pick(Credential.None, Credential.None, Credential.Operator);
        var fault = faults[random.Next(faults.Count)];
        return Build(operation, fault, credential);
    }

    private Case Build(Operation operation, Fault fault, Credential credential)
    {
        var path = operation.Path;
        var faultyPath = fault == Fault.PathValue ? operation.PathParameters[random.Next(operation.PathParameters.Count)] : null;
        foreach (var name in operation.PathParameters)
        {
            var value = name == faultyPath ? BadPathValue(name) : Uri.EscapeDataString(PlausibleText(name));
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        var query = operation.QueryParameters.Where(p => p.Required || random.Next(2) == 0).ToDictionary(p => p.Name, p => PlausibleQuery(operation, p.Name));
        switch (fault)
        {
            case Fault.QueryValue:
                var bad = operation.QueryParameters[random.Next(operation.QueryParameters.Count)].Name;
                query[bad] = BadQueryValue(operation, bad);
                break;
            case Fault.MissingQueryValue:
                var required = operation.RequiredQueryParameters.ToArray();
                query.Remove(required[random.Next(required.Length)].Name);
                break;
            case Fault.QueryControlCharacter:
                var target = query.Count > 0 && random.Next(2) == 0 ? query.Keys.ElementAt(random.Next(query.Count)) : "note";
                query[target] = (query.GetValueOrDefault(target) ?? "x") + ControlCharacters[random.Next(ControlCharacters.Length)];
                break;
        }

        var uri = path + (query.Count == 0 ? string.Empty : "?" + string.Join("&", query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value))));
        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), uri);
        var faultyHeader = fault == Fault.HeaderValue ? operation.Headers[random.Next(operation.Headers.Count)].Name : null;
        foreach (var header in operation.Headers.Where(h => h.Required || h.Name == faultyHeader))
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Name == faultyHeader ? BadHeaderValue(header.Name) : PlausibleText(header.Name));
        }

        if (operation.BodySchema is { } schema)
        {
            request.Content = Body(schema, fault);
        }

        switch (credential)
        {
            case Credential.Operator:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Operator());
                break;
            case Credential.WithoutRole:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.WithoutRole());
                break;
            case Credential.Forged:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new OperatorTokens().Operator());
                break;
        }

        request.Headers.TryAddWithoutValidation("Accept", Accepts[random.Next(Accepts.Length)]);
        return new Case(operation, fault, credential, request, $"{fault}/{credential}: {operation.Method.ToUpperInvariant()} {uri}");
    }

    private HttpContent Body(string schema, Fault fault)
    {
        var body = PlausibleObject(schema);
        // A body without fields this class knows bad values for, or without required fields, gets a field of the wrong type instead.
        var knownValues = Fields(body, schema, f => BadFieldValue(f) is not null);
        var requiredFields = Fields(body, schema, required: true);
        if (fault == Fault.BodyFieldValue && knownValues.Count == 0 || fault == Fault.BodyFieldMissing && requiredFields.Count == 0)
        {
            fault = Fault.BodyFieldType;
        }

        switch (fault)
        {
            case Fault.BodyFieldType:
                var all = Fields(body, schema);
                if (all.Count == 0)
                {
                    return Json("[]");
                }

                var (owner, field, kind) = all[random.Next(all.Count)];
                owner[field] = WrongType(kind);
                break;
            case Fault.BodyFieldValue:
                var (valueOwner, valueField, _) = knownValues[random.Next(knownValues.Count)];
                valueOwner[valueField] = BadFieldValue(valueField);
                break;
            case Fault.BodyFieldMissing:
                var (requiredOwner, requiredField, _) = requiredFields[random.Next(requiredFields.Count)];
                requiredOwner.Remove(requiredField);
                break;
            case Fault.BodyTooLarge:
                body["padding"] = new string('x', 64 * 1024 + random.Next(1, 64 * 1024));
                break;
        }

        var json = body.ToJsonString();
        return fault switch
        {
            Fault.BodyBroken => Json(random.Next(3) switch
            {
                0 => json[..random.Next(1, json.Length - 1)],
                1 => json.Insert(json.Length - 1, ","),
                _ => json.Insert(1, "/* comment */"),
            }),
            Fault.BodyRoot => Json(Pick("[]", "[1,2,3]", "\"text\"", "42", "null", "true", "", " ", "{}{}")),
            Fault.BodyNesting => Json(json.Insert(1, "\"deep\":" + new string('[', 70) + new string(']', 70) + ",")),
            Fault.BodyEncoding => Bytes([.. Encoding.UTF8.GetBytes(json[..(json.Length / 2)]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(json[(json.Length / 2)..])], "application/json"),
            Fault.BodyContentType => random.Next(6) == 0 ? Bytes(Encoding.UTF8.GetBytes(json), null) : Bytes(Encoding.UTF8.GetBytes(json), BadContentTypes[random.Next(BadContentTypes.Length)]),
            _ => Json(json),
        };
    }

    /// <summary>The body's fields (nested objects' too) that satisfy <paramref name="where"/>, each with the object holding it.</summary>
    private List<(JsonObject Owner, string Field, string Kind)> Fields(JsonObject body, string schema, Func<string, bool>? where = null, bool required = false)
    {
        var found = new List<(JsonObject, string, string)>();
        Collect(body, schema, found, where ?? (_ => true), required);
        return found;
    }

    private void Collect(JsonObject owner, string schema, List<(JsonObject, string, string)> found, Func<string, bool> where, bool required)
    {
        var definition = schemas.GetProperty(schema);
        var requiredFields = definition.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToHashSet() : [];
        foreach (var property in definition.GetProperty("properties").EnumerateObject())
        {
            var (kind, reference) = Kind(property.Value);
            if (where(property.Name) && (!required || requiredFields.Contains(property.Name)))
            {
                found.Add((owner, property.Name, kind));
            }

            if (reference is not null && owner[property.Name] is JsonObject nested)
            {
                Collect(nested, reference, found, where, required);
            }
        }
    }

    private JsonObject PlausibleObject(string schema)
    {
        var body = new JsonObject();
        foreach (var property in schemas.GetProperty(schema).GetProperty("properties").EnumerateObject())
        {
            var (kind, reference) = Kind(property.Value);
            body[property.Name] = reference is not null ? PlausibleObject(reference) : PlausibleField(property.Name, kind);
        }

        return body;
    }

    private JsonNode? PlausibleField(string name, string kind) => name switch
    {
        "counters" => 3,
        "radiusKm" => 5,
        "searchDays" => 1,
        "relocate" => false,
        "weekdays" => new JsonArray("monday"),
        "email" or "phone" => null,
        _ => kind switch
        {
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            "array" => new JsonArray(),
            _ => PlausibleText(name),
        },
    };

    private string PlausibleText(string name) => name switch
    {
        "procedure" => "cpp-biometrics",
        "officeId" or "fromOfficeId" => "lim-brena",
        "toOfficeId" => "lim-sjl",
        "date" or "from" or "to" => day.Text(),
        "start" or "open" => "08:00",
        "close" => "12:00",
        "near" => "-12.05,-77.04",
        "code" => "Z" + Code(3) + "-" + Code(4),
        "id" => "W-" + Code(4) + "-" + Code(4),
        "documentType" => "CPP",
        "documentNumber" or ApiCalls.DocumentNumberHeader => random.Next(60_000_000, 69_999_999).ToString(CultureInfo.InvariantCulture),
        "country" => "VE",
        "fullName" => "Maria Jose Perez",
        "transferId" => "fuzz-" + Code(8).ToLowerInvariant(),
        ApiCalls.IdempotencyKeyHeader => "fuzz-" + Code(12),
        _ => "generated bad input",
    };

    private string PlausibleQuery(Operation operation, string name) => operation.Path.EndsWith("/audit", StringComparison.Ordinal)
        ? DateTime.UtcNow.AddDays(name == "from" ? -1 : 0).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
        : name switch
        {
            "limit" => "5",
            "radiusKm" => "10.5",
            _ => PlausibleText(name),
        };

    private string BadPathValue(string name) => random.Next(5) switch
    {
        // Not NUL: the test server's client refuses it in a path before sending (Kestrel answers such a request line with 400).
        0 => Uri.EscapeDataString(ControlCharacters[random.Next(1, ControlCharacters.Length)]),
        1 => new string('a', random.Next(65, 3000)),
        2 => Uri.EscapeDataString(Pick(BadIds)),
        3 => name == "officeId" ? "lim-atlantis" : "ZZZZ-ZZZZ",
        _ => "%F0%9F%98%80" + Uri.EscapeDataString("'; drop table appointments; --"),
    };

    private string BadQueryValue(Operation operation, string name) => name switch
    {
        "from" or "to" when operation.Path.EndsWith("/audit", StringComparison.Ordinal) => Pick(BadInstants),
        "from" or "to" or "date" => Pick(BadDates),
        "procedure" => Pick([.. BadIds, "no-such-procedure", new string('p', 200)]),
        "near" => Pick(BadNears),
        "limit" => Pick("0", "-1", "abc", "1,5", "+5", " 5", "99999999999", "1e3", "0x10", "501", "5.0"),
        "radiusKm" => Pick("1,5", "-1", "0", "5001", "NaN", "Infinity", "far", "1e3", "+5", "1,000", ".5"),
        _ => ControlCharacters[random.Next(ControlCharacters.Length)],
    };

    private string BadHeaderValue(string name) => name == ApiCalls.IdempotencyKeyHeader
        ? Pick([.. BadIdempotencyKeys, new string('k', random.Next(101, 5000))])
        : Pick([.. BadDocumentNumbers, new string('9', random.Next(31, 500))]);

    private JsonNode? BadFieldValue(string name) => name switch
    {
        "date" or "from" or "to" => Pick(BadDates),
        "start" or "open" or "close" => Pick(BadTimes),
        "procedure" or "officeId" or "fromOfficeId" or "toOfficeId" or "transferId" => Pick([.. BadIds, new string('a', 10_000)]),
        "near" => Pick(BadNears),
        "counters" => Pick(-1, 501, 100_000),
        "radiusKm" => Pick(-1, 5001, 1e9),
        "searchDays" => Pick(-1, 31, 1000),
        "weekdays" => new JsonArray(Pick("funday", "1", "", "MON-DAY")),
        "reason" => new string('r', random.Next(501, 20_000)),
        "documentType" => Pick("DRIVING-LICENCE", "", "x"),
        "documentNumber" => Pick(BadDocumentNumbers),
        "country" => Pick("PER", "V", "1A", ""),
        "fullName" => Pick("Maria <script>", "12345678", "M", "Maria\u0000Perez", "Maria\u202EPerez", new string('A', 10_000)),
        "email" => Pick("maria.example.com", "maria@@example.com", "a b@c.d"),
        "phone" => Pick("call me maybe", "+1", "++51987654321"),
        _ => null,
    };

    private JsonNode? WrongType(string kind) => kind switch
    {
        "string" => random.Next(4) switch { 0 => 42, 1 => true, 2 => new JsonObject { ["x"] = 1 }, _ => new JsonArray(1, 2) },
        "integer" => random.Next(5) switch { 0 => "abc", 1 => 1.5, 2 => new JsonObject(), 3 => true, _ => 1e40 },
        "number" => random.Next(4) switch { 0 => "far", 1 => new JsonArray(), 2 => false, _ => new JsonObject() },
        "boolean" => random.Next(3) switch { 0 => "yes", 1 => 1, _ => new JsonArray() },
        "array" => random.Next(3) switch { 0 => "monday", 1 => 7, _ => new JsonObject() },
        _ => random.Next(3) switch { 0 => "Maria Perez", 1 => new JsonArray(), _ => 12345678 },
    };

    /// <summary>A property schema's JSON kind, and the schema it references when it is an object.</summary>
    private static (string Kind, string? Reference) Kind(JsonElement property)
    {
        if (property.TryGetProperty("$ref", out var direct))
        {
            return ("object", direct.GetString()!.Split('/')[^1]);
        }

        if (property.TryGetProperty("oneOf", out var options))
        {
            foreach (var option in options.EnumerateArray())
            {
                if (option.TryGetProperty("$ref", out var reference))
                {
                    return ("object", reference.GetString()!.Split('/')[^1]);
                }
            }
        }

        var types = property.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!]
            : [];
        return (new[] { "integer", "number", "boolean", "array", "object", "string" }.FirstOrDefault(types.Contains) ?? "string", null);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private string Code(int length) => new(Enumerable.Range(0, length).Select(_ => "23456789ABCDEFGHJKMNPQRSTUVWXYZ"[random.Next(31)]).ToArray());

    private T Pick<T>(params T[] values) => values[random.Next(values.Length)];

    /// <summary>What makes a generated request malformed.</summary>
    public enum Fault
    {
        PathValue,
        QueryValue,
        MissingQueryValue,
        QueryControlCharacter,
        HeaderValue,
        BodyFieldType,
        BodyFieldValue,
        BodyFieldMissing,
        BodyBroken,
        BodyRoot,
        BodyContentType,
        BodyTooLarge,
        BodyNesting,
        BodyEncoding,
    }

    /// <summary>Who sends it.</summary>
    public enum Credential
    {
        None,
        Operator,
        WithoutRole,
        Forged,
    }

    /// <summary>One generated request, and how to describe it in a failure.</summary>
    public sealed record Case(Operation Operation, Fault Fault, Credential Credential, HttpRequestMessage Request, string Description);

    /// <summary>An operation of the OpenAPI document: its parameters by place, and its body's schema.</summary>
    public sealed record Operation(
        string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<Parameter> QueryParameters, IReadOnlyList<Parameter> Headers,
        string? BodySchema)
    {
        public bool IsOperatorRoute => Path.StartsWith(AdminPrefix, StringComparison.Ordinal);

        public IEnumerable<Parameter> RequiredQueryParameters => QueryParameters.Where(p => p.Required);

        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";

        public static Operation From(string path, string method, JsonElement operation)
        {
            var parameters = operation.TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Select(p => (In: p.GetProperty("in").GetString()!, Parameter: new Parameter(
                    p.GetProperty("name").GetString()!, p.TryGetProperty("required", out var r) && r.GetBoolean()))).ToArray()
                : [];
            string? body = null;
            if (operation.TryGetProperty("requestBody", out var requestBody))
            {
                var schema = requestBody.GetProperty("content").GetProperty("application/json").GetProperty("schema");
                body = Kind(schema).Reference;
            }

            return new Operation(
                method, path,
                parameters.Where(p => p.In == "path").Select(p => p.Parameter.Name).ToArray(),
                parameters.Where(p => p.In == "query").Select(p => p.Parameter).ToArray(),
                parameters.Where(p => p.In == "header").Select(p => p.Parameter).ToArray(),
                body);
        }
    }

    /// <summary>A query or header parameter.</summary>
    public sealed record Parameter(string Name, bool Required);
}
