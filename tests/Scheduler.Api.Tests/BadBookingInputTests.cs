using System.Net.Http.Headers;
using System.Text;
using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>
/// Invariant 6: bad input gets a 4xx problem naming the field, never a 5xx, and changes nothing. Every case
/// compares the day's availability and roster (read from the day inventory's memory) before and after.
/// </summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class BadBookingInputTests(SchedulerApiFactory api)
{
    private const string Office = "lim-brena";
    private readonly HttpClient http = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator());
    private readonly DateOnly day = BookingDays.BadInput;

    [Fact]
    public Task Malformed_JSON_is_a_400_naming_where_it_breaks() =>
        RefusedAsync(Raw("""{"procedure":"cpp-biometrics","officeId":"lim-brena","date":"""), "date");

    [Fact]
    public Task A_trailing_comma_is_a_400_naming_the_body() =>
        RefusedAsync(Raw("""{"procedure":"cpp-biometrics","officeId":"lim-brena",}"""), "body");

    [Fact]
    public Task A_JSON_array_instead_of_an_object_is_a_400_naming_the_body() =>
        RefusedAsync(Raw("""[1,2,3]"""), "body");

    [Theory]
    [InlineData("""{"procedure":"cpp-biometrics","officeId":"lim-brena","date":20260301}""", "date")]
    [InlineData("""{"procedure":["cpp-biometrics"],"officeId":"lim-brena"}""", "procedure")]
    [InlineData("""{"procedure":"cpp-biometrics","officeId":"lim-brena","applicant":"Maria Perez"}""", "applicant")]
    [InlineData("""{"procedure":"cpp-biometrics","officeId":"lim-brena","applicant":{"documentNumber":12345678}}""", "applicant.documentNumber")]
    public Task A_field_of_the_wrong_JSON_type_is_a_400_naming_it(string json, string field) =>
        RefusedAsync(Raw(json), field);

    [Fact]
    public Task An_empty_body_is_a_400_naming_the_body() =>
        RefusedAsync(Raw(""), "body");

    [Fact]
    public Task JSON_null_is_a_400_naming_the_body() =>
        RefusedAsync(Raw("null"), "body");

    [Fact]
    public async Task A_text_plain_body_is_a_415_problem_and_changes_nothing()
    {
        var before = await SnapshotAsync();

        using var response = await http.PostAsync("/api/v1/appointments", new StringContent(Json(Valid()), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public Task A_text_plain_body_is_a_415_naming_the_body() =>
        RefusedAsync(
            () => http.PostAsync("/api/v1/appointments", new StringContent(Json(Valid()), Encoding.UTF8, "text/plain")),
            "body", HttpStatusCode.UnsupportedMediaType);

    [Fact]
    public Task A_body_without_content_type_is_refused_naming_the_body() =>
        RefusedAsync(() =>
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Json(Valid())));
            return http.PostAsync("/api/v1/appointments", content);
        }, "body", HttpStatusCode.UnsupportedMediaType);

    [Fact]
    public async Task An_unknown_office_is_a_404_and_changes_nothing()
    {
        var before = await SnapshotAsync();

        using var response = await http.BookAsync(Valid() with { OfficeId = "lim-atlantis" });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("passport-renewal")]
    [InlineData("CPP-BIOMETRICS")]
    [InlineData("")]
    public Task An_unknown_procedure_is_a_400_naming_procedure(string procedure) =>
        RefusedAsync(Valid() with { Procedure = procedure }, "procedure");

    [Fact]
    public Task A_day_the_office_is_closed_is_a_400_naming_date() =>
        RefusedAsync(Valid() with { Procedure = "cpp-biometrics", OfficeId = "lim-brena", Date = BookingDays.Sunday.Text() }, "date");

    [Theory]
    [InlineData("officeId")]
    [InlineData("procedure")]
    [InlineData("date")]
    [InlineData("applicant")]
    public Task A_missing_required_field_is_a_400_naming_it(string field) =>
        RefusedAsync(field switch
        {
            "officeId" => Valid() with { OfficeId = null },
            "procedure" => Valid() with { Procedure = null },
            "date" => Valid() with { Date = null },
            _ => Valid() with { Applicant = null },
        }, field);

    [Fact]
    public Task A_past_date_is_a_400_naming_date() =>
        RefusedAsync(Valid() with { Date = BookingDays.Today.AddDays(-1).Text() }, "date");

    [Fact]
    public Task A_date_beyond_the_booking_window_is_a_400_naming_date() =>
        RefusedAsync(Valid() with { Date = BookingDays.Today.AddDays(BookingDays.HorizonDays + 1).Text() }, "date");

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("01/03/2026")]
    [InlineData("2026-3-1")]
    [InlineData("tomorrow")]
    public Task A_malformed_date_is_a_400_naming_date(string date) =>
        RefusedAsync(Valid() with { Date = date }, "date");

    [Theory]
    [InlineData("08:10")]
    [InlineData("07:40")]
    [InlineData("17:00")]
    public Task A_start_off_the_slot_grid_is_a_400_naming_start(string start) =>
        RefusedAsync(Valid() with { Start = start }, "start");

    [Theory]
    [InlineData("8:00")]
    [InlineData("08:00:00")]
    [InlineData("8am")]
    [InlineData("25:00")]
    [InlineData("08h00")]
    public Task A_start_in_a_bad_format_is_a_400_naming_start(string start) =>
        RefusedAsync(Valid() with { Start = start }, "start");

    [Theory]
    [InlineData("fullName")]
    [InlineData("documentNumber")]
    [InlineData("documentType")]
    [InlineData("email")]
    [InlineData("phone")]
    public Task A_10000_character_applicant_field_is_a_400_naming_it(string field)
    {
        var huge = new string('A', 10_000);
        var applicant = Applicants.Next();
        applicant = field switch
        {
            "fullName" => applicant with { FullName = huge },
            "documentNumber" => applicant with { DocumentNumber = huge },
            "documentType" => applicant with { DocumentType = huge },
            "email" => applicant with { Email = huge + "@example.com" },
            _ => applicant with { Phone = huge },
        };
        return RefusedAsync(Valid(applicant), "applicant." + field);
    }

    [Theory]
    [InlineData("officeId")]
    [InlineData("procedure")]
    public Task A_10000_character_identifier_is_a_400_naming_it(string field) =>
        RefusedAsync(field == "officeId" ? Valid() with { OfficeId = new string('a', 10_000) } : Valid() with { Procedure = new string('a', 10_000) }, field);

    [Theory]
    [InlineData("Maria\u0000Perez")]
    [InlineData("Maria\u0007Perez")]
    [InlineData("Maria\nPerez")]
    [InlineData("\u001b[31mMaria")]
    [InlineData("Maria\u202EPerez")]
    public Task Control_characters_in_fullName_are_a_400_naming_it(string fullName) =>
        RefusedAsync(Valid(Applicants.Next() with { FullName = fullName }), "applicant.fullName");

    [Theory]
    [InlineData("Maria <script>")]
    [InlineData("12345678")]
    [InlineData("M")]
    public Task A_fullName_that_is_not_a_name_is_a_400_naming_it(string fullName) =>
        RefusedAsync(Valid(Applicants.Next() with { FullName = fullName }), "applicant.fullName");

    [Theory]
    [InlineData("DNI", "1234567A")]
    [InlineData("DNI", "1234567")]
    [InlineData("DNI", "123")]
    [InlineData("CPP", "12345")]
    [InlineData("CPP", "ABC12345")]
    [InlineData("PASSPORT", "12345678901234567890123")]
    [InlineData("CPP", "1234\u00A05678")]
    public Task A_wrong_document_number_is_a_400_naming_it(string documentType, string documentNumber) =>
        RefusedAsync(Valid(Applicants.Next(documentType) with { DocumentNumber = documentNumber }), "applicant.documentNumber");

    [Theory]
    [InlineData("DRIVING-LICENCE")]
    [InlineData("")]
    public Task An_unknown_document_type_is_a_400_naming_it(string documentType) =>
        RefusedAsync(Valid(Applicants.Next() with { DocumentType = documentType }), "applicant.documentType");

    [Theory]
    [InlineData("PER")]
    [InlineData("V")]
    [InlineData("1A")]
    [InlineData("")]
    public Task A_bad_country_is_a_400_naming_it(string country) =>
        RefusedAsync(Valid(Applicants.Next() with { Country = country }), "applicant.country");

    [Theory]
    [InlineData("maria.example.com")]
    [InlineData("maria@@example.com")]
    public Task A_bad_email_is_a_400_naming_it(string email) =>
        RefusedAsync(Valid(Applicants.Next() with { Email = email }), "applicant.email");

    [Fact]
    public Task A_bad_phone_is_a_400_naming_it() =>
        RefusedAsync(Valid(Applicants.Next() with { Phone = "call me maybe" }), "applicant.phone");

    [Theory]
    [InlineData(101)]
    [InlineData(5_000)]
    public Task A_too_long_Idempotency_Key_is_a_400_naming_it(int length) =>
        RefusedAsync(() => http.BookAsync(Valid(), new string('k', length)), "Idempotency-Key");

    [Fact]
    public Task An_Idempotency_Key_with_spaces_is_a_400_naming_it() =>
        RefusedAsync(() => http.BookAsync(Valid(), "my key"), "Idempotency-Key");

    [Fact]
    public async Task A_refused_applicant_holds_nothing_and_may_then_book()
    {
        var applicant = Applicants.Next();
        using var refused = await http.BookAsync(Valid(applicant) with { Start = "08:10" });
        await Problem.AssertNamesFieldAsync(refused, "start");

        var booked = await http.BookedAsync(Bookings.At(Office, BookingDays.Booking, "16:20", applicant));

        Assert.Equal("16:20", booked.Start);
    }

    private static BookAppointmentRequest Valid(ApplicantRequest? applicant = null) => Bookings.At(Office, BookingDays.BadInput, "08:00", applicant);

    private static string Json(object value) => JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private Func<Task<HttpResponseMessage>> Raw(string json) => () =>
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return http.PostAsync("/api/v1/appointments", content);
    };

    private Task RefusedAsync(BookAppointmentRequest request, string field) => RefusedAsync(() => http.BookAsync(request), field);

    private async Task RefusedAsync(Func<Task<HttpResponseMessage>> send, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var before = await SnapshotAsync();

        using var response = await send();

        await Problem.AssertNamesFieldAsync(response, status, field);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>The day's availability and its roster (which reads the day inventory directly, with no publish lag).</summary>
    private async Task<(string Availability, string Roster)> SnapshotAsync() =>
        (await http.AvailabilityTextAsync(Office, day),
         await operatorClient.GetStringAsync($"/api/v1/admin/offices/{Office}/appointments?date={day.Text()}"));
}
