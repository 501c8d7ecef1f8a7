using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

public class AvailabilityBoardTests
{
    private const string Procedure = "cpp-biometrics";
    private static readonly DateOnly Day = new(2026, 12, 1);

    [Fact]
    public void Recording_a_day_answers_the_free_seats_shown_before_or_null_for_a_day_never_shown()
    {
        var board = new AvailabilityBoard();

        Assert.Null(board.Record(Procedure, Availability(Day, free: 5)));
        Assert.Equal(5, board.Record(Procedure, Availability(Day, free: 2)));
        Assert.True(board.TryGet(Procedure, Day, out var shown));
        Assert.Equal(2, AvailabilityBoard.FreeSeats(shown));
        Assert.False(board.TryGet("cpp-card-pickup", Day, out _));
    }

    [Fact]
    public void A_day_that_did_not_answer_is_asked_again_once_unless_it_reported_meanwhile()
    {
        var board = new AvailabilityBoard();
        board.MarkUnanswered(Procedure, Day);
        board.MarkUnanswered(Procedure, Day.AddDays(1));
        board.Record(Procedure, Availability(Day.AddDays(1), free: 1));

        Assert.Equal([(Procedure, Day)], board.TakeUnanswered());
        Assert.Empty(board.TakeUnanswered());
    }

    [Fact]
    public void Days_before_today_are_forgotten()
    {
        var board = new AvailabilityBoard();
        board.Record(Procedure, Availability(Day, free: 1));
        board.Record(Procedure, Availability(Day.AddDays(1), free: 1));

        board.ForgetBefore(Day.AddDays(1));

        Assert.False(board.TryGet(Procedure, Day, out _));
        Assert.True(board.TryGet(Procedure, Day.AddDays(1), out _));
    }

    private static DayAvailability Availability(DateOnly date, int free) =>
        new(date, [new SlotAvailability(new TimeOnly(8, 0), new TimeOnly(8, 20), 3, Math.Min(free, 3)), new SlotAvailability(new TimeOnly(8, 20), new TimeOnly(8, 40), 3, Math.Max(0, free - 3))]);
}
