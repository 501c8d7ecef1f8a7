using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests;

/// <summary>The applicant's page when a procedure's waiting room is on: a proof of work in a worker, a place with its ETA, then the booking (and a move).</summary>
[Collection(BrowserCollection.Name)]
public sealed class WaitingRoomPageTests(BrowserFixture fixture)
{
    // A procedure no other browser test books, so that its waiting room changes nothing they rely on.
    private const string Procedure = "cpp-card-pickup";
    private static readonly Regex CodePattern = new("^[A-Z2-9]{4}-[A-Z2-9]{4}$");

    [Fact]
    public async Task With_the_waiting_room_on_a_booking_solves_the_challenge_waits_its_turn_with_place_and_ETA_then_books_and_a_move_waits_again()
    {
        using var calls = new SchedulerCalls(fixture.Host);
        // An opening a few seconds ahead: whoever arrives before it waits, so the page has a place and an ETA to show.
        var opening = TimeProvider.System.GetUtcNow().AddSeconds(8).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var on = await calls.OperatorSendAsync(HttpMethod.Put, $"/api/v1/admin/procedures/{Procedure}/admission", new { enabled = true, openingAt = opening });
        Assert.True(on.Status == HttpStatusCode.OK, $"{(int)on.Status} {on.Body}");
        try
        {
            await using var context = await fixture.ContextAsync(1280, 900, "en-GB");
            var page = await PageChecks.OpenAsync(context);
            var answers = new List<(string Method, string Path, int Status, string? Key, string? Token)>();
            page.Response += (_, response) =>
            {
                var path = new Uri(response.Url).AbsolutePath;
                if (path.StartsWith("/api/v1/admission", StringComparison.Ordinal) || path.StartsWith("/api/v1/appointments", StringComparison.Ordinal))
                {
                    response.Request.Headers.TryGetValue("idempotency-key", out var key);
                    response.Request.Headers.TryGetValue("admission-token", out var token);
                    lock (answers)
                    {
                        answers.Add((response.Request.Method, path, response.Status, key, token));
                    }
                }
            };
            await page.GotoAsync("/");
            await PageChecks.ReadyAsync(page);
            await page.GetByLabel("Procedure").SelectOptionAsync(Procedure);
            // The latest time on offer, not the earliest: the earliest may begin while the person waits for the opening
            // (the page then rightly says the time is gone), which is not what this test is about.
            var firstResult = page.Locator("#results > li").First;
            await firstResult.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Other times") }).ClickAsync();
            var latest = firstResult.Locator("button.time").Last;
            await Expect(latest).ToBeVisibleAsync();
            await latest.ClickAsync();
            var form = page.Locator("#book");
            await form.GetByLabel("Document number").FillAsync("P7788990");
            await form.GetByLabel("Full name").FillAsync("Carlos Medina");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm appointment" }).ClickAsync();

            // In line: the place and the ETA, said in the status region; the page stays usable meanwhile.
            var live = page.Locator("#room-live");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waiting room" })).ToBeVisibleAsync();
            await Expect(live).ToHaveTextAsync(new Regex(@"^You are in line\. Place \d+; your turn in about \d+ (s|min)\.$"));
            Assert.Equal("status", await live.GetAttributeAsync("role"));
            Assert.True(await page.EvaluateAsync<bool>("() => { const b = document.getElementById('change-slot'); b.focus(); return document.activeElement === b; }"));
            await PageChecks.AssertAccessibleAsync(page, "waiting room, desktop, en");
            await PageChecks.ScreenshotAsync(page, fixture, "applicant-waiting-room-desktop-en");
            await page.SetViewportSizeAsync(390, 844);
            await PageChecks.AssertFitsWidthAsync(page, "waiting room, phone, en");
            await PageChecks.ScreenshotAsync(page, fixture, "applicant-waiting-room-phone-en");

            // Admitted at the opening: the same booking goes again with the token and is booked.
            var code = page.Locator("#done-code");
            await Expect(code).ToHaveTextAsync(CodePattern, new() { Timeout = 30_000 });
            await PageChecks.AssertAccessibleAsync(page, "booked after the waiting room, phone, en");
            var stored = await calls.AppointmentAsync(await code.InnerTextAsync(), "P7788990");
            Assert.Equal("booked", stored.GetProperty("status").GetString());

            (string Method, string Path, int Status, string? Key, string? Token)[] seen;
            lock (answers)
            {
                seen = [.. answers];
            }

            // Refused without a token; a challenge (428), solved, then a place (201); the retry carries the token and the same key.
            var bookings = seen.Where(a => a.Path == "/api/v1/appointments").ToArray();
            Assert.Equal([403, 201], bookings.Select(b => b.Status));
            Assert.Null(bookings[0].Token);
            Assert.False(string.IsNullOrEmpty(bookings[1].Token));
            Assert.Equal(bookings[0].Key, bookings[1].Key);
            Assert.Equal([428, 201], seen.Where(a => a.Method == "POST" && a.Path == "/api/v1/admission").Select(a => a.Status));
            Assert.Contains(seen, a => a.Method == "GET" && a.Path.StartsWith("/api/v1/admission/", StringComparison.Ordinal) && a.Status == 200);

            // A move needs a turn too: the room appears in the reschedule form, and the move goes through with a new token.
            var booked = stored.GetProperty("start").GetString();
            await page.GetByRole(AriaRole.Button, new() { Name = "See or change this appointment" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Change date or office" }).ClickAsync();
            await Expect(page.Locator("#re-start option").First).ToBeAttachedAsync();
            var other = (await page.Locator("#re-start option").AllInnerTextsAsync()).First(s => s != booked);
            await page.Locator("#re-start").SelectOptionAsync(other);
            await page.GetByRole(AriaRole.Button, new() { Name = "Change to this time" }).ClickAsync();
            await Expect(page.Locator("#manage-status")).ToHaveTextAsync("Your appointment was changed. The code stays the same.", new() { Timeout = 30_000 });
            Assert.Equal(other, (await calls.AppointmentAsync(await code.InnerTextAsync(), "P7788990")).GetProperty("start").GetString());
            lock (answers)
            {
                seen = [.. answers];
            }

            var moves = seen.Where(a => a.Path.EndsWith("/reschedule", StringComparison.Ordinal)).ToArray();
            Assert.Equal([403, 200], moves.Select(m => m.Status));
            Assert.False(string.IsNullOrEmpty(moves[1].Token));
            Assert.NotEqual(bookings[1].Token, moves[1].Token);
        }
        finally
        {
            await calls.OperatorSendAsync(HttpMethod.Put, $"/api/v1/admin/procedures/{Procedure}/admission", new { enabled = false, clearOpening = true });
        }
    }
}
