using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests;

/// <summary>The operator console in a real browser: sign-in, the live heat table, closures with relocations, capacity, transfers, rosters, the audit trail.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorConsoleTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private async Task<IPage> SignedInAsync(IBrowserContext context, string name = "ana.operator")
    {
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/console");
        await PageChecks.ReadyAsync(page);
        await page.GetByLabel("Credencial de operador (JWT)").FillAsync(fixture.Host.Tokens.Operator(name));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync($"Sesión de {name}");
        await Expect(page.Locator("#heat tbody td[data-date]").First).ToContainTextAsync("%");
        return page;
    }

    [Fact]
    public async Task A_token_without_the_operator_role_or_a_forged_one_is_refused_in_plain_words_at_the_token_field()
    {
        await using var context = await fixture.ContextAsync(390, 844, "es-PE");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/console");
        await PageChecks.ReadyAsync(page);
        await PageChecks.AssertAccessibleAsync(page, "console sign-in, phone, es");
        await PageChecks.ScreenshotAsync(page, fixture, "console-signin-phone-es");
        var token = page.GetByLabel("Credencial de operador (JWT)");

        await token.FillAsync(fixture.Host.Tokens.WithoutRole());
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(page.Locator("#token-error")).ToHaveTextAsync("Esta credencial no tiene el rol de operador.");
        await Expect(token).ToHaveAttributeAsync("aria-invalid", "true");

        await token.FillAsync(new OperatorTokens().Operator());
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(page.Locator("#token-error")).ToHaveTextAsync("Su credencial no es válida o venció. Pegue una credencial nueva.");
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('scheduler.operatorToken')"));
        await PageChecks.AssertAccessibleAsync(page, "console sign-in refused, phone, es");
    }

    [Fact]
    public async Task Closing_a_day_relocates_its_appointments_and_the_console_lists_each_move_and_the_audit_entry()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var (date, start) = await calls.OpenDayAsync("lim-sjl", 8, seats: 2);
        var first = await calls.BookAsync("lim-sjl", date, start, "P3100001", "Pedro Castillo Vera");
        var second = await calls.BookAsync("lim-sjl", date, start, "P3100002", "Lucía Mendoza");

        await using var context = await fixture.ContextAsync(1280, 900, "es-PE");
        var page = await SignedInAsync(context);
        await PageChecks.AssertAccessibleAsync(page, "console, desktop, es");
        await PageChecks.ScreenshotAsync(page, fixture, "console-desktop-es");

        var closure = page.Locator("#closure");
        await closure.GetByLabel("Oficina", new() { Exact = true }).SelectOptionAsync("lim-sjl");
        await closure.GetByLabel("Fecha", new() { Exact = true }).FillAsync(date);
        await closure.GetByLabel("Motivo", new() { Exact = true }).FillAsync("paro de transporte");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar el día" }).ClickAsync();

        var result = page.Locator("#closure-result");
        await Expect(result).ToContainTextAsync("2 citas reubicadas", new() { Timeout = 15_000 });
        var rows = result.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        foreach (var (code, number) in new[] { (first, "P3100001"), (second, "P3100002") })
        {
            var moved = await calls.AppointmentAsync(code, number);
            Assert.NotEqual("lim-sjl", moved.GetProperty("officeId").GetString());
            var row = rows.Filter(new() { HasText = code });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("td").Nth(1)).ToContainTextAsync("San Juan de Lurigancho");
            await Expect(row.Locator("td").Nth(2)).Not.ToContainTextAsync("San Juan de Lurigancho");
        }

        await Expect(page.Locator("#audit-result")).ToContainTextAsync("paro de transporte");
        await Expect(page.Locator("#audit-result")).ToContainTextAsync("ana.operator");
        await PageChecks.AssertAccessibleAsync(page, "closure done, desktop, es");
        await PageChecks.ScreenshotAsync(page, fixture, "console-closure-desktop-es");

        // The same console at phone width, in English.
        await page.SetViewportSizeAsync(390, 844);
        await page.GetByRole(AriaRole.Button, new() { Name = "Read this page in English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Utilisation by department and office" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page, "console, phone, en");
        await PageChecks.AssertFitsWidthAsync(page, "console with a closure's relocations, phone, en");
        await PageChecks.ScreenshotAsync(page, fixture, "console-phone-en");
    }

    [Fact]
    public async Task The_heat_table_shows_a_booking_within_two_seconds()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var (date, start) = await calls.OpenDayAsync("lim-puruchuco", 1);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-5));
        Assert.True(DateOnly.ParseExact(date, "yyyy-MM-dd").DayNumber - today.DayNumber < 7, $"{date} is outside the console's first 7 days");

        await using var context = await fixture.ContextAsync(1280, 900, "es-PE");
        var page = await SignedInAsync(context);
        var cell = page.Locator($"#heat td[data-key='lim-puruchuco'][data-date='{date}'] small");
        await Expect(cell).ToHaveTextAsync(new Regex(@"^\d+/\d+$"));
        var before = await cell.InnerTextAsync();
        var booked = int.Parse(before.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);

        await calls.BookAsync("lim-puruchuco", date, start, "P4400001", "Jorge Salas");
        var clock = Stopwatch.StartNew();
        await Expect(cell).ToHaveTextAsync(new Regex($"^{booked + 1}/"), new() { Timeout = 2_000 });
        output.WriteLine($"the console showed the booking {clock.ElapsedMilliseconds} ms after its 201");
    }

    [Fact]
    public async Task A_sold_out_day_and_the_people_waiting_for_it_are_shown_in_the_console()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var (date, _) = await calls.OpenDayAsync("jz-tumbes", 2);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-5));
        Assert.True(DateOnly.ParseExact(date, "yyyy-MM-dd").DayNumber - today.DayNumber < 7, $"{date} is outside the console's first 7 days");
        // One counter for one 20-minute slot that day: a single seat, then booked.
        using (var cut = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/offices/jz-tumbes/capacity"))
        {
            cut.Headers.Authorization = new("Bearer", fixture.Host.Tokens.Operator("ana.operator"));
            cut.Content = JsonContent.Create(new { procedure = SchedulerCalls.Procedure, from = date, to = date, counters = 1, open = "08:00", close = "08:20", reason = "one seat" });
            using var response = await calls.Http.SendAsync(cut);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await calls.BookAsync("jz-tumbes", date, "08:00", "P6600001", "Rafael Zapata");
        using (var join = await calls.Http.PostAsJsonAsync("/api/v1/waitlist", new
        {
            procedure = SchedulerCalls.Procedure,
            near = "-3.5669,-80.4515",
            radiusKm = 5,
            from = date,
            to = date,
            applicant = new { documentType = "PASSPORT", documentNumber = "P6600002", country = "VE", fullName = "Sofía Lozano" },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, join.StatusCode);
        }

        await using var context = await fixture.ContextAsync(390, 844, "es-PE");
        var page = await SignedInAsync(context);
        var cell = page.Locator($"#heat td[data-key='jz-tumbes'][data-date='{date}']");
        await Expect(cell).ToHaveTextAsync("100 % agotado1/1");
        await Expect(page.Locator("#soldout")).ToContainTextAsync("Zonal office Tumbes");
        await Expect(page.Locator("#waiting")).ToContainTextAsync("Zonal office Tumbes (Tumbes): 1 en espera");
        await PageChecks.AssertAccessibleAsync(page, "sold out and waiting, phone, es");
        await PageChecks.AssertFitsWidthAsync(page, "console, phone, es");
        await PageChecks.ScreenshotAsync(page, fixture, "console-soldout-phone-es");
    }

    [Fact]
    public async Task Capacity_changes_transfers_and_rosters_are_done_from_the_console_and_audited()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        var (date, start) = await calls.OpenDayAsync("jz-ica", 6);
        var code = await calls.BookAsync("jz-ica", date, start, "P5500001", "Elena Ríos");

        await using var context = await fixture.ContextAsync(1280, 900, "en-GB");
        var page = await PageChecks.OpenAsync(context);
        await page.GotoAsync("/console");
        await PageChecks.ReadyAsync(page);
        await page.GetByLabel("Operator credential (JWT)").FillAsync(fixture.Host.Tokens.Operator("luis.supervisor"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync("Signed in as luis.supervisor");

        var capacity = page.Locator("#capacity");
        await capacity.GetByLabel("Office", new() { Exact = true }).SelectOptionAsync("jz-ica");
        await capacity.GetByLabel("From", new() { Exact = true }).FillAsync(date);
        await capacity.GetByLabel("To", new() { Exact = true }).FillAsync(date);
        await capacity.GetByLabel("Counters", new() { Exact = true }).FillAsync("five");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply capacity" }).ClickAsync();
        await Expect(page.Locator("#k-counters-error")).ToBeVisibleAsync();
        await Expect(capacity.GetByLabel("Counters", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await capacity.GetByLabel("Counters", new() { Exact = true }).FillAsync("6");
        await capacity.GetByLabel("Reason", new() { Exact = true }).FillAsync("deadline week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply capacity" }).ClickAsync();
        await Expect(page.Locator("#capacity-result")).ToContainTextAsync("1 days changed.");
        await Expect(capacity.GetByLabel("Counters", new() { Exact = true })).Not.ToHaveAttributeAsync("aria-invalid", "true");

        var transfer = page.Locator("#transfer");
        await transfer.GetByLabel("Source office").SelectOptionAsync("lim-brena");
        await transfer.GetByLabel("Destination office").SelectOptionAsync("jz-cusco");
        await transfer.GetByLabel("From", new() { Exact = true }).FillAsync(date);
        await transfer.GetByLabel("To", new() { Exact = true }).FillAsync(date);
        await transfer.GetByLabel("Counters", new() { Exact = true }).FillAsync("1");
        await transfer.GetByLabel("Reason", new() { Exact = true }).FillAsync("Cusco backlog");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        await Expect(page.Locator("#transfer-result")).ToContainTextAsync(": committed.");

        var roster = page.Locator("#roster");
        await roster.GetByLabel("Office", new() { Exact = true }).SelectOptionAsync("jz-ica");
        await roster.GetByLabel("Date", new() { Exact = true }).FillAsync(date);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show appointments" }).ClickAsync();
        await Expect(page.Locator("#roster-result")).ToContainTextAsync(code);
        await Expect(page.Locator("#roster-result")).ToContainTextAsync("Elena Ríos");

        await Expect(page.Locator("#audit-result")).ToContainTextAsync("deadline week");
        await Expect(page.Locator("#audit-result")).ToContainTextAsync("Cusco backlog");
        await PageChecks.AssertAccessibleAsync(page, "console operations, desktop, en");
        await PageChecks.ScreenshotAsync(page, fixture, "console-operations-desktop-en");

        var usage = await calls.OperatorGetAsync($"/api/v1/admin/utilization?procedure={SchedulerCalls.Procedure}&from={date}&to={date}");
        var counts = usage.GetProperty("offices").EnumerateArray().ToDictionary(o => o.GetProperty("officeId").GetString()!, o => o.GetProperty("capacity").GetInt32());
        output.WriteLine($"capacity that day: jz-ica {counts["jz-ica"]}, jz-cusco {counts["jz-cusco"]}, lim-brena {counts["lim-brena"]}");
    }
}
