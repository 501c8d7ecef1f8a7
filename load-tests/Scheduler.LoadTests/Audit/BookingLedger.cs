using System.Collections.Concurrent;

namespace Scheduler.LoadTests.Audit;

/// <summary>Every booking the target acknowledged during the run, by confirmation code.</summary>
public sealed class BookingLedger
{
    private readonly ConcurrentDictionary<string, LedgerEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IReadOnlyList<LedgerEntry> Entries => _entries.Values.OrderBy(e => e.BookedAtSeconds).ToList();

    public void Add(LedgerEntry entry) => _entries[entry.Code] = entry;

    public LedgerEntry? Find(string code) => _entries.GetValueOrDefault(code);

    /// <summary>Replaces an entry by code (each code is only touched by the journey that booked it).</summary>
    public void Update(string code, Func<LedgerEntry, LedgerEntry> change) =>
        _entries.AddOrUpdate(code, _ => throw new InvalidOperationException($"unknown code {code}"), (_, e) => change(e));
}
