using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests;

/// <summary>The console's allocation and waiting-room part: switching the mode (and being told to force it), releasing a batch, the room's switch and live numbers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleAllocationTests(BrowserFixture fixture)
{
    private const string Procedure = "residence-change";

    [Fact]
    public async Task An_operator_switches_to_batches_sees_requests_filed_in_time_releases_a_batch_and_runs_the_waiting_room()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        try
        {
            await using var context = await fixture.ContextAsync(1280, 900, "es-PE");
            var page = await PageChecks.OpenAsync(context);
            await page.GotoAsync("/console");
            await PageChecks.ReadyAsync(page);
            await page.GetByLabel("Credencial de operador (JWT)").FillAsync(fixture.Host.Tokens.Operator("ana.operator"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
            await Expect(page.Locator("#who")).ToHaveTextAsync("Sesión de ana.operator");
            await page.Locator("#v-procedure").SelectOptionAsync(Procedure);
            await Expect(page.Locator("#alloc-mode")).ToHaveTextAsync("Por orden de llegada");

            var allocation = page.Locator("#allocation");
            await allocation.GetByLabel("Nuevo modo").SelectOptionAsync("batch");
            await allocation.GetByLabel("Motivo").FillAsync("semana del plazo");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar el modo" }).ClickAsync();
            await Expect(page.Locator("#allocation-result")).ToContainTextAsync("Modo cambiado");
            await Expect(page.Locator("#alloc-mode")).ToHaveTextAsync("Por sorteos · 0 solicitudes abiertas");

            // An applicant files a request: the live numbers show it as filed in time and unserved.
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-5));
            using var filed = await calls.Http.PostAsJsonAsync("/api/v1/requests", new
            {
                procedure = Procedure,
                near = "-12.046,-77.043",
                radiusKm = 50,
                from = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to = today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                applicant = new { documentType = "PASSPORT", documentNumber = "P8899001", country = "VE", fullName = "Lucía Paredes" },
            });
            Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
            await Expect(page.Locator("#unserved")).ToHaveTextAsync("1");

            // Back to first come with a request open: refused, said in plain words, and the keyboard is taken to "Force".
            await allocation.GetByLabel("Nuevo modo").SelectOptionAsync("first-come");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar el modo" }).ClickAsync();
            await Expect(allocation.Locator(".form-problem")).ToContainTextAsync("Forzar");
            await Expect(page.Locator("#a-force")).ToBeFocusedAsync();
            await PageChecks.AssertAccessibleAsync(page, "console, allocation refused, desktop, es");

            await page.GetByRole(AriaRole.Button, new() { Name = "Hacer un sorteo ahora" }).ClickAsync();
            await Expect(page.Locator("#release-result")).ToContainTextAsync(new Regex(@"1 solicitudes, \d+ cupos ofrecidos, 1 asignados"));
            await Expect(page.Locator("#batch-list tbody tr")).Not.ToHaveCountAsync(0);
            await Expect(page.Locator("#unserved")).ToHaveTextAsync("0");

            var room = page.Locator("#admission");
            await room.GetByLabel("Sala de espera encendida").CheckAsync();
            await room.GetByLabel("Personas admitidas por segundo (opcional)").FillAsync("50");
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar la sala de espera" }).ClickAsync();
            await Expect(page.Locator("#rl-on")).ToHaveTextAsync("Sí");
            await Expect(page.Locator("#rl-rates")).ToHaveTextAsync(new Regex("^50 / "));
            await PageChecks.AssertAccessibleAsync(page, "console, batches and waiting room, desktop, es");
            await PageChecks.ScreenshotAsync(page, fixture, "console-allocation-desktop-es");
            await page.SetViewportSizeAsync(390, 844);
            await PageChecks.AssertFitsWidthAsync(page, "console, batches and waiting room, phone, es");
            await PageChecks.ScreenshotAsync(page, fixture, "console-allocation-phone-es");

            await room.GetByLabel("Sala de espera encendida").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar la sala de espera" }).ClickAsync();
            await Expect(page.Locator("#rl-on")).ToHaveTextAsync("No");
            var stored = await calls.OperatorGetAsync($"/api/v1/admin/procedures/{Procedure}/admission");
            Assert.False(stored.GetProperty("enabled").GetBoolean());
            Assert.Equal(50, stored.GetProperty("admitPerSecond").GetDouble());
        }
        finally
        {
            await calls.OperatorSendAsync(HttpMethod.Put, $"/api/v1/admin/procedures/{Procedure}/allocation",
                new { mode = "first-come", reason = "browser test done", force = true });
            await calls.OperatorSendAsync(HttpMethod.Put, $"/api/v1/admin/procedures/{Procedure}/admission", new { enabled = false, clearOpening = true });
        }
    }
}
