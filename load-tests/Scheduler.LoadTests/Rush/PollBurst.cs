namespace Scheduler.LoadTests.Rush;

/// <summary>The closed-loop poll burst after a rush: polls answered 200 and refused 429 over its seconds.</summary>
public sealed record PollBurst(long Answered, long Limited, double Seconds)
{
    public double AnsweredPerSecond => Seconds > 0 ? Answered / Seconds : 0;
}
