using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests;

/// <summary>The applicant's page in a real browser: booking in both languages, at phone and desktop width, by mouse and keyboard; reading, moving and cancelling; errors; the waitlist.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplicantPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly Regex CodePattern = new("^[A-Z2-9]{4}-[A-Z2-9]{4}$");

    [Fact]
    public async Task Booking_in_Spanish_at_phone_width_takes_four_interactions_and_the_code_is_the_booking()
    {
        await using var context = await fixture.ContextAsync(390, 844, "es-PE");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1. Busque la oficina y el horario" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page, "search, phone, es");
        await PageChecks.AssertFitsWidthAsync(page, "search, phone, es");
        await PageChecks.ScreenshotAsync(page, fixture, "applicant-search-phone-es");

        var interactions = 0;
        var firstResult = page.Locator("#results > li").First;
        var office = (await firstResult.Locator("h4").InnerTextAsync())[3..];
        await firstResult.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Reservar") }).ClickAsync();
        interactions++;
        var form = page.Locator("#book");
        await form.GetByLabel("Número de documento").FillAsync("P4455667");
        interactions++;
        await form.GetByLabel("Nombres y apellidos").FillAsync("María Fernanda Rojas");
        interactions++;
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar cita" }).ClickAsync();
        interactions++;

        var code = page.Locator("#done-code");
        await Expect(code).ToHaveTextAsync(CodePattern);
        Assert.True(interactions <= 4, $"{interactions} interactions");
        await Expect(page.Locator("#done-title")).ToBeFocusedAsync();
        await PageChecks.AssertAccessibleAsync(page, "booked, phone, es");
        await PageChecks.ScreenshotAsync(page, fixture, "applicant-booked-phone-es");

        using var calls = new SchedulerCalls(fixture.Host);
        var stored = await calls.AppointmentAsync(await code.InnerTextAsync(), "P4455667");
        Assert.Equal("booked", stored.GetProperty("status").GetString());
        Assert.Equal("María Fernanda Rojas", stored.GetProperty("applicant").GetProperty("fullName").GetString());
        Assert.Contains(stored.GetProperty("officeId").GetString()!, (await calls.Http.GetFromJsonAsync<JsonElement>("/api/v1/offices")).EnumerateArray()
            .Where(o => o.GetProperty("name").GetString() == office).Select(o => o.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Booking_in_English_by_Accept_Language_at_desktop_width_then_the_switch_goes_back_to_Spanish()
    {
        await using var context = await fixture.ContextAsync(1280, 900, "en-GB");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1. Find an office and a time" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page, "search, desktop, en");
        await PageChecks.ScreenshotAsync(page, fixture, "applicant-search-desktop-en");

        // Other times at the first office, then one of them.
        var firstResult = page.Locator("#results > li").First;
        await firstResult.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Other times") }).ClickAsync();
        var time = firstResult.Locator("button.time").Nth(1);
        await Expect(time).ToBeVisibleAsync();
        await time.ClickAsync();
        var form = page.Locator("#book");
        await form.GetByLabel("Document type").SelectOptionAsync("CE");
        await form.GetByLabel("Document number").FillAsync("00112233");
        await form.GetByLabel("Country that issued the document").SelectOptionAsync("CO");
        await form.GetByLabel("Full name").FillAsync("John Cárdenas");
        await form.GetByLabel("E-mail (optional)").FillAsync("john@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your appointment is booked" })).ToBeVisibleAsync();
        await Expect(page.Locator("#done-code")).ToHaveTextAsync(CodePattern);
        await PageChecks.AssertAccessibleAsync(page, "booked, desktop, en");
        await PageChecks.ScreenshotAsync(page, fixture, "applicant-booked-desktop-en");

        using var calls = new SchedulerCalls(fixture.Host);
        var stored = await calls.AppointmentAsync(await page.Locator("#done-code").InnerTextAsync(), "00112233");
        Assert.Equal("CE", stored.GetProperty("applicant").GetProperty("documentType").GetString());
        Assert.Equal("CO", stored.GetProperty("applicant").GetProperty("country").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Ver esta página en español" }).ClickAsync();
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Su cita está reservada" })).ToBeVisibleAsync();
        Assert.EndsWith("?lang=es", page.Url);
        await PageChecks.AssertAccessibleAsync(page, "booked, desktop, switched to es");
    }

    [Fact]
    public async Task Booking_with_the_keyboard_alone_reaches_every_step_with_visible_focus()
    {
        await using var context = await fixture.ContextAsync(1280, 900, "es-PE");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);

        // Tab from the top of the page to the first "Reservar" button: skip link, switch, sections, search form, results.
        var tabs = 0;
        while (!await page.EvaluateAsync<bool>("() => document.activeElement?.textContent?.startsWith('Reservar') === true"))
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(++tabs < 25, "the first booking button is not reached within 24 tabs");
            var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
            Assert.True(outline is "solid", $"focus is not visible on tab stop {tabs} (outline {outline})");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#book-title")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#change-slot")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#doc-type")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("K7788990");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#country")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Luis Torres");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#done-code")).ToHaveTextAsync(CodePattern);
        await Expect(page.Locator("#done-title")).ToBeFocusedAsync();
        output.WriteLine($"{tabs} tabs from the top of the page to the first booking button");
    }

    [Fact]
    public async Task Reading_moving_and_cancelling_an_appointment_with_its_code_and_document_number()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var (date, start) = await calls.OpenDayAsync("lim-brena", 3);
        var code = await calls.BookAsync("lim-brena", date, start, "P1200340", "Ana Belén Paredes");
        var (moveDate, _) = await calls.OpenDayAsync("lim-carabaya", 4);

        await using var context = await fixture.ContextAsync(390, 844, "es-PE");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);
        var manage = page.Locator("#manage");
        await manage.GetByLabel("Código de la cita").FillAsync(code.ToLowerInvariant());
        await manage.GetByLabel("Número de documento").FillAsync("P1200340");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver mi cita" }).ClickAsync();
        await Expect(page.Locator("#ap-status")).ToHaveTextAsync("Reservada");
        await Expect(page.Locator("#ap-who")).ToHaveTextAsync("Ana Belén Paredes");
        await PageChecks.AssertAccessibleAsync(page, "appointment, phone, es");
        await PageChecks.ScreenshotAsync(page, fixture, "applicant-appointment-phone-es");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar fecha u oficina" }).ClickAsync();
        await page.Locator("#reschedule").GetByLabel("Oficina").SelectOptionAsync("lim-carabaya");
        await page.Locator("#reschedule").GetByLabel("Fecha").FillAsync(moveDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver horarios de ese día" }).ClickAsync();
        await Expect(page.Locator("#re-start option").First).ToBeAttachedAsync();
        var newStart = await page.Locator("#re-start").InputValueAsync();
        await PageChecks.AssertAccessibleAsync(page, "reschedule form, phone, es");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar a este horario" }).ClickAsync();
        await Expect(page.Locator("#manage-status")).ToHaveTextAsync("Su cita fue cambiada. El código sigue siendo el mismo.");

        var moved = await calls.AppointmentAsync(code, "P1200340");
        Assert.Equal(("lim-carabaya", moveDate, newStart), (moved.GetProperty("officeId").GetString(), moved.GetProperty("date").GetString(), moved.GetProperty("start").GetString()));

        await page.GetByRole(AriaRole.Button, new() { Name = "Anular la cita" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sí, anular" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sí, anular" }).ClickAsync();
        await Expect(page.Locator("#ap-status")).ToHaveTextAsync("Anulada");
        await Expect(page.Locator("#manage-status")).ToHaveTextAsync("Su cita fue anulada.");
        Assert.Equal("cancelled", (await calls.AppointmentAsync(code, "P1200340")).GetProperty("status").GetString());
        await PageChecks.ScreenshotAsync(page, fixture, "applicant-cancelled-phone-es");
    }

    [Fact]
    public async Task A_lost_code_is_sent_again_to_the_e_mail_given_when_booking()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var (date, start) = await calls.OpenDayAsync("jz-arequipa", 3);
        var code = await calls.BookAsync("jz-arequipa", date, start, "P7700001", "Gabriela Ponce", "gabriela@example.org");

        await using var context = await fixture.ContextAsync(390, 844, "es-PE");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);
        await page.GetByText("¿Perdió su código?").ClickAsync();
        var recover = page.Locator("#recover");
        await recover.GetByLabel("Número de documento").FillAsync("P7700001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviarme el código" }).ClickAsync();
        await Expect(page.Locator("#recover-result")).ToHaveTextAsync("Si hay una cita con esos datos, le enviamos el código al correo o teléfono que dio al reservar.");
        await PageChecks.AssertAccessibleAsync(page, "recovery, phone, es");

        var deadline = TimeProvider.System.GetTimestamp();
        while (!MessagesTo("gabriela@example.org").Any(body => body.Contains(code, StringComparison.Ordinal)))
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(15), "no message with the code reached gabriela@example.org");
            await Task.Delay(200);
        }
    }

    private IEnumerable<string> MessagesTo(string address) =>
        Directory.Exists(fixture.Host.NotificationsDirectory)
            ? Directory.GetFiles(fixture.Host.NotificationsDirectory, "*.json")
                .Select(f => JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(f)))
                .Where(m => m.GetProperty("To").GetString() == address)
                .Select(m => m.GetProperty("Body").GetString() ?? "")
            : [];

    [Fact]
    public async Task Every_error_is_said_in_plain_words_in_both_languages_and_tied_to_its_field()
    {
        await using var context = await fixture.ContextAsync(390, 844, "es-PE");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);
        await page.Locator("#results > li").First.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Reservar") }).ClickAsync();
        var form = page.Locator("#book");
        await form.GetByLabel("Número de documento").FillAsync("12");
        await form.GetByLabel("Nombres y apellidos").FillAsync("Rojas 2");
        await form.GetByLabel("Correo electrónico (opcional)").FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar cita" }).ClickAsync();

        var number = form.GetByLabel("Número de documento");
        await Expect(number).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(number).ToHaveAttributeAsync("aria-describedby", "doc-number-hint doc-number-error");
        await Expect(page.Locator("#doc-number-error")).ToHaveTextAsync("Escriba de 5 a 20 letras o números.");
        await Expect(page.Locator("#full-name-error")).ToHaveTextAsync("Use solo letras, espacios, apóstrofos, puntos y guiones.");
        await Expect(page.Locator("#email-error")).ToHaveTextAsync("Escriba un correo válido, p. ej. nombre@correo.com.");
        var summary = form.Locator(".form-problem");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(3);
        await PageChecks.AssertAccessibleAsync(page, "booking errors, phone, es");
        await PageChecks.AssertFitsWidthAsync(page, "booking errors, phone, es");
        await PageChecks.ScreenshotAsync(page, fixture, "applicant-errors-phone-es");

        // The same mistakes in English; a corrected field loses its error.
        await page.GetByRole(AriaRole.Button, new() { Name = "Read this page in English" }).ClickAsync();
        await Expect(page.Locator("#full-name-error")).ToHaveTextAsync("Use only letters, spaces, apostrophes, dots and dashes.");
        await Expect(summary).ToContainTextAsync("Please check 3 item(s):");
        await form.GetByLabel("E-mail (optional)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm appointment" }).ClickAsync();
        await Expect(page.Locator("#doc-number-error")).ToHaveTextAsync("Enter 5 to 20 letters or digits.");
        await Expect(page.Locator("#email-error")).ToHaveCountAsync(0);
        await Expect(form.GetByLabel("E-mail (optional)")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // Someone else's document number with a real code looks like an unknown code, in plain words.
        using var calls = new SchedulerCalls(fixture.Host);
        var (date, start) = await calls.OpenDayAsync("lim-smp", 2);
        var code = await calls.BookAsync("lim-smp", date, start, "P9988776", "Rosa Quispe");
        var manage = page.Locator("#manage");
        await manage.GetByLabel("Appointment code").FillAsync(code);
        await manage.GetByLabel("Document number").FillAsync("P0000001");
        await page.GetByRole(AriaRole.Button, new() { Name = "See my appointment" }).ClickAsync();
        await Expect(manage.Locator(".form-problem")).ToHaveTextAsync("We found nothing with those details. Check the code and the document number.");

        // A second booking for the same procedure: the page says so, and shows no code.
        await form.GetByLabel("Document number").FillAsync("P9988776");
        await form.GetByLabel("Full name").FillAsync("Rosa Quispe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm appointment" }).ClickAsync();
        await Expect(form.Locator(".form-problem")).ToContainTextAsync("You already have an appointment for this procedure.");
        await PageChecks.AssertAccessibleAsync(page, "already booked, phone, en");
    }

    [Fact]
    public async Task Joining_the_waitlist_where_a_day_has_no_seats_shows_the_place_in_line()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var (date, _) = await calls.OpenDayAsync("jz-puno", 5);
        using (var cut = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/offices/jz-puno/capacity"))
        {
            cut.Headers.Authorization = new("Bearer", fixture.Host.Tokens.Operator("ana.operator"));
            cut.Content = JsonContent.Create(new { procedure = SchedulerCalls.Procedure, from = date, to = date, counters = 0, reason = "staff out" });
            using var response = await calls.Http.SendAsync(cut);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var context = await fixture.ContextAsync(390, 844, "es-PE");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);
        await page.GetByLabel("Cerca de").SelectOptionAsync(new SelectOptionValue { Label = "Puno" });
        await page.GetByLabel("Distancia máxima").SelectOptionAsync("10");
        var waitlist = page.Locator("#waitlist");
        await waitlist.GetByLabel("Desde").FillAsync(date);
        await waitlist.GetByLabel("Hasta").FillAsync(date);
        await waitlist.GetByLabel("Número de documento").FillAsync("P5566778");
        await waitlist.GetByLabel("Nombres y apellidos").FillAsync("Carmen Huamán");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anotarme en la lista" }).ClickAsync();
        await Expect(page.Locator("#waitlist-result")).ToContainTextAsync("Está en la lista de espera.");
        await Expect(page.Locator("#waitlist-result")).ToContainTextAsync("Lugar en la fila: 1");
        await PageChecks.AssertAccessibleAsync(page, "waitlist, phone, es");
        await PageChecks.ScreenshotAsync(page, fixture, "applicant-waitlist-phone-es");

        var usage = await calls.OperatorGetAsync($"/api/v1/admin/utilization?procedure={SchedulerCalls.Procedure}&from={date}&to={date}");
        Assert.Equal(1, usage.GetProperty("offices").EnumerateArray().Single(o => o.GetProperty("officeId").GetString() == "jz-puno").GetProperty("waitlist").GetInt32());
    }

    [Fact]
    public async Task The_browsers_location_finds_the_offices_near_it_with_their_distances()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "es-PE",
            Geolocation = new Geolocation { Latitude = -13.5226f, Longitude = -71.9673f },
            Permissions = ["geolocation"],
        });
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Usar mi ubicación" }).ClickAsync();

        await Expect(page.GetByLabel("Cerca de")).ToHaveValueAsync("here");
        var first = page.Locator("#results > li").First;
        await Expect(first.Locator("h4")).ToHaveTextAsync("1. Zonal office Cusco");
        await Expect(first).ToContainTextAsync("a 1 km");
        await Expect(page.Locator("#map svg[role='img'] .map-you")).ToHaveCountAsync(1);
        await Expect(page.Locator("#map .map-office")).ToHaveCountAsync(await page.Locator("#results > li").CountAsync());
        await PageChecks.AssertAccessibleAsync(page, "search by location, phone, es");
    }

    [Fact]
    public async Task The_first_load_transfers_under_200_KB()
    {
        await using var context = await fixture.ContextAsync(390, 844, "es-PE");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/");
        await PageChecks.ReadyAsync(page);
        // Resource timing of this origin: every byte the page, its styles, scripts and first API calls took on the wire.
        var entries = await page.EvaluateAsync<JsonElement>(
            "() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map(e => ({ name: e.name, size: e.transferSize }))");
        var sizes = entries.EnumerateArray().Select(e => (Name: e.GetProperty("name").GetString()!, Size: e.GetProperty("size").GetInt64())).ToArray();
        var total = sizes.Sum(s => s.Size);
        foreach (var (name, size) in sizes)
        {
            output.WriteLine($"{size,8} B  {name}");
        }

        output.WriteLine($"{total,8} B  first load, {sizes.Length} requests");
        Assert.Contains(sizes, s => s.Name.EndsWith("/web/js/applicant.js", StringComparison.Ordinal) && s.Size > 0);
        Assert.Contains(sizes, s => s.Name.Contains("/api/v1/availability/earliest", StringComparison.Ordinal) && s.Size > 0);
        Assert.True(total < 200_000, $"first load took {total} bytes");
    }
}
