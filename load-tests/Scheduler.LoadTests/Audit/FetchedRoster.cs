using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Audit;

/// <summary>What the operator roster of one office and date answered after the run (Status null: no answer).</summary>
public sealed record FetchedRoster(string OfficeId, string Date, int? Status, RosterView? View);
