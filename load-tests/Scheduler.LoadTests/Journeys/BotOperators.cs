using System.Collections.Concurrent;

namespace Scheduler.LoadTests.Journeys;

/// <summary>The run's bot operators, each with the pace its pool of identities shares.</summary>
public sealed class BotOperators
{
    private readonly ConcurrentDictionary<int, BotPace> _paces = new();

    public BotPace For(int botOperator) => _paces.GetOrAdd(botOperator, _ => new BotPace());

    public int Count => _paces.Count;
}
