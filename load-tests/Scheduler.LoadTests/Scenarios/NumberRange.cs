namespace Scheduler.LoadTests.Scenarios;

/// <summary>A closed range that a value is drawn from uniformly.</summary>
public sealed record NumberRange(double Min, double Max)
{
    public double Draw(Random random) => Max <= Min ? Min : Min + (random.NextDouble() * (Max - Min));
}
