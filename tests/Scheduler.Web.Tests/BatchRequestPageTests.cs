using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests;

/// <summary>The applicant's page when a procedure is allocated in batches: the booking becomes a request, a batch gives it a seat.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BatchRequestPageTests(BrowserFixture fixture)
{
    // A procedure no other browser test books, so that switching it to batch mode changes nothing they rely on.
    private const string Procedure = "residence-change";

    [Fact]
    public async Task In_batch_mode_the_page_files_a_request_and_shows_the_appointment_a_released_batch_assigns()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var switched = await calls.OperatorSendAsync(HttpMethod.Put, $"/api/v1/admin/procedures/{Procedure}/allocation",
            new { mode = "batch", reason = "browser test", force = true });
        Assert.True(switched.Status == HttpStatusCode.OK, $"{(int)switched.Status} {switched.Body}");
        try
        {
            await using var context = await fixture.ContextAsync(390, 844, "es-PE");
            var page = await PageChecks.OpenAsync(context);
            await page.GotoAsync("/");
            await PageChecks.ReadyAsync(page);
            await page.GetByLabel("Trámite").SelectOptionAsync(Procedure);
            var firstResult = page.Locator("#results > li").First;
            await firstResult.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Reservar") }).ClickAsync();
            var form = page.Locator("#book");
            await form.GetByLabel("Número de documento").FillAsync("P5566778");
            await form.GetByLabel("Nombres y apellidos").FillAsync("Rosa Elena Quispe");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar cita" }).ClickAsync();

            // The API said 409 allocation-mode-batch: the same form now asks for a request, and says why in plain words.
            await Expect(form.Locator(".form-problem")).ToContainTextAsync("se asigna por sorteo");
            await Expect(page.Locator("#request-area")).ToBeVisibleAsync();
            await Expect(form.GetByLabel("Dónde")).ToBeVisibleAsync();
            await PageChecks.AssertAccessibleAsync(page, "request form, phone, es");
            await PageChecks.ScreenshotAsync(page, fixture, "applicant-request-form-phone-es");
            await page.GetByRole(AriaRole.Button, new() { Name = "Solicitar cita" }).ClickAsync();

            var id = page.Locator("#rv-id");
            await Expect(id).ToHaveTextAsync(new Regex("^R-"));
            await Expect(page.Locator("#rv-status")).ToHaveTextAsync("Abierta, espera el sorteo");
            await Expect(page.Locator("#request-status")).ToContainTextAsync("Solicitud registrada");
            // No cadence set: the request waits for the next batch an operator releases, and the page says so.
            await Expect(page.Locator("#rv-decides")).ToHaveTextAsync("En el próximo sorteo que abra la oficina");
            await Expect(page.Locator("#request-title")).ToBeFocusedAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retirar la solicitud" })).ToBeVisibleAsync();
            await PageChecks.AssertAccessibleAsync(page, "request filed, phone, es");
            await PageChecks.ScreenshotAsync(page, fixture, "applicant-request-open-phone-es");
            var requestId = await id.InnerTextAsync();

            // The operator releases a batch; the applicant checks again with the request's number and the document number.
            var released = await calls.OperatorSendAsync(HttpMethod.Post, $"/api/v1/admin/procedures/{Procedure}/batches");
            Assert.True(released.Status == HttpStatusCode.OK, $"{(int)released.Status} {released.Body}");
            await page.SetViewportSizeAsync(1280, 900);
            await page.GetByRole(AriaRole.Button, new() { Name = "Ver mi solicitud" }).ClickAsync();
            await Expect(page.Locator("#rv-status")).ToHaveTextAsync("Cita asignada");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retirar la solicitud" })).ToBeHiddenAsync();
            await PageChecks.AssertAccessibleAsync(page, "request assigned, desktop, es");
            await PageChecks.ScreenshotAsync(page, fixture, "applicant-request-assigned-desktop-es");

            // What the page shows is what the API holds: the request's code is a booked appointment of this applicant.
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/requests/{requestId}");
            read.Headers.Add("X-Document-Number", "P5566778");
            using var answer = await calls.Http.SendAsync(read);
            var stored = await answer.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("assigned", stored.GetProperty("status").GetString());
            var code = stored.GetProperty("code").GetString()!;
            await Expect(page.Locator("#rv-result")).ToContainTextAsync(code);
            var appointment = await calls.AppointmentAsync(code, "P5566778");
            Assert.Equal("booked", appointment.GetProperty("status").GetString());
            Assert.Equal("Rosa Elena Quispe", appointment.GetProperty("applicant").GetProperty("fullName").GetString());
        }
        finally
        {
            await calls.OperatorSendAsync(HttpMethod.Put, $"/api/v1/admin/procedures/{Procedure}/allocation",
                new { mode = "first-come", reason = "browser test done", force = true });
        }
    }

    [Fact]
    public async Task A_request_can_be_read_and_withdrawn_with_its_number_and_the_document_number_in_English()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var switched = await calls.OperatorSendAsync(HttpMethod.Put, $"/api/v1/admin/procedures/{Procedure}/allocation",
            new { mode = "batch", reason = "browser test", force = true });
        Assert.True(switched.Status == HttpStatusCode.OK, $"{(int)switched.Status} {switched.Body}");
        try
        {
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-5));
            using var filed = await calls.Http.PostAsJsonAsync("/api/v1/requests", new
            {
                procedure = Procedure,
                near = "-12.046,-77.043",
                radiusKm = 50,
                from = today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                to = today.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                applicant = new { documentType = "PASSPORT", documentNumber = "P6677889", country = "VE", fullName = "Ana Torres" },
            });
            Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
            var requestId = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            await using var context = await fixture.ContextAsync(1280, 900, "en-GB");
            var page = await PageChecks.OpenAsync(context);
            await page.GotoAsync("/");
            await PageChecks.ReadyAsync(page);
            var check = page.Locator("#request-check");

            // A wrong document number reads as "not found", said at the form, and shows nothing of the request.
            await check.GetByLabel("Request number").FillAsync(requestId);
            await check.GetByLabel("Document number").FillAsync("P0000000");
            await page.GetByRole(AriaRole.Button, new() { Name = "See my request" }).ClickAsync();
            await Expect(check.Locator(".form-problem")).ToBeVisibleAsync();
            await Expect(page.Locator("#request-view")).ToBeHiddenAsync();

            await check.GetByLabel("Document number").FillAsync("P6677889");
            await page.GetByRole(AriaRole.Button, new() { Name = "See my request" }).ClickAsync();
            await Expect(page.Locator("#rv-status")).ToHaveTextAsync("Open, waiting for the draw");
            await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the request" }).ClickAsync();
            await Expect(page.Locator("#rv-status")).ToHaveTextAsync("Withdrawn");
            await Expect(page.Locator("#request-status")).ToHaveTextAsync("Your request was withdrawn.");
            await PageChecks.AssertAccessibleAsync(page, "request withdrawn, desktop, en");

            using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/requests/{requestId}");
            read.Headers.Add("X-Document-Number", "P6677889");
            using var answer = await calls.Http.SendAsync(read);
            Assert.Equal("withdrawn", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }
        finally
        {
            await calls.OperatorSendAsync(HttpMethod.Put, $"/api/v1/admin/procedures/{Procedure}/allocation",
                new { mode = "first-come", reason = "browser test done", force = true });
        }
    }
}
