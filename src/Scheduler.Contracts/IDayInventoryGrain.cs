namespace Scheduler.Contracts;

/// <summary>The seats of one office x procedure x local date (key: <see cref="DayKey"/>). Never overbooks.</summary>
[Alias("scheduler.IDayInventoryGrain")]
public interface IDayInventoryGrain : IGrainWithStringKey
{
    /// <summary>Takes a seat; answers only after the write that holds it has committed.</summary>
    [Alias("Take")]
    Task<SeatDecision> Take(SeatRequest request);

    /// <summary>
    /// The appointment held here under <paramref name="code"/>, waiting for a pending write of it to settle.
    /// An unknown code is voided so that a late request carrying it cannot take a seat.
    /// </summary>
    [Alias("Resolve")]
    Task<Appointment?> Resolve(string code);

    /// <summary>
    /// Frees the seat of <paramref name="code"/>: cancelled (kept for the record) or moved away (removed), writing
    /// <paramref name="claim"/> in the same transaction.
    /// </summary>
    [Alias("Release")]
    Task<bool> Release(string code, HistoryEntry entry, bool movedAway, ClaimChange? claim = null);

    /// <summary>The day's availability now, from memory (what it publishes to its office after every committed change).</summary>
    [Alias("GetAvailability")]
    Task<DayAvailability> GetAvailability();

    [Alias("GetRoster")]
    Task<DayRoster> GetRoster();

    /// <summary>The appointments <paramref name="plan"/> would displace, changing nothing.</summary>
    [Alias("PreviewPlan")]
    Task<IReadOnlyList<Appointment>> PreviewPlan(DayPlan plan);

    /// <summary>Adopts a new plan from the office at once and answers whom it displaces (they keep their seat until moved).</summary>
    [Alias("ApplyPlan")]
    Task<IReadOnlyList<Appointment>> ApplyPlan(DayPlan plan);

    /// <summary>
    /// Erases the applicant's details (<see cref="ApplicantDetails.Erased"/>) from every appointment of this day that
    /// finished before <paramref name="finishedBefore"/>: all of them when the day itself ended before it, else those
    /// cancelled before it. The records stay (status, slot, history), so the day's bookings stay countable. Stored at
    /// once: a snapshot without the details replaces the stored one and the journal rows it covers are deleted.
    /// Answers how many records were erased, or that it could not store the erasure now (rows kept being written, or
    /// the write failed) and should be asked again.
    /// </summary>
    Task<DayErasure> ErasePersonalData(DateTimeOffset finishedBefore);
}
