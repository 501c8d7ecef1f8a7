namespace Scheduler.LoadTests.Scenarios;

/// <summary>
/// How a run with <c>--allocation</c> sets the procedure up and drives its batches (section <c>allocation</c> of a
/// scenario; every field has a default, so scenarios without the section can run in either mode).
/// </summary>
public sealed record AllocationSettings
{
    /// <summary>
    /// In batch mode the tool runs a batch (<c>POST .../batches</c>) this often during the arrivals, and once after
    /// the last: a week compressed into minutes cannot wait for the scheduler's cadence in minutes.
    /// </summary>
    public double BatchEverySeconds { get; init; } = 10;

    /// <summary>The scheduler's own batch cadence, sent with the mode (minutes).</summary>
    public int CadenceMinutes { get; init; } = 1;

    /// <summary>A home farther than this from the capital's offices is far (the reserve rule, and the far shares of the report).</summary>
    public double FarFromCapitalKm { get; init; } = 100;

    /// <summary>Reserve seats nobody claimed fall back to everyone this many hours before they begin.</summary>
    public double FallbackLeadHours { get; init; } = 24;

    /// <summary>Identities per bot operator: an operator sends everything for its pool from one address.</summary>
    public int BotsPerOperator { get; init; } = 20;

    /// <summary>
    /// Bots never give up: they keep polling (and snapping up what cancellations free) until this many seconds after
    /// the last arrival, when the run ends for them.
    /// </summary>
    public double BotsKeepOnSeconds { get; init; } = 30;

    /// <summary>Problems with these settings, as readable sentences.</summary>
    public IEnumerable<string> Problems()
    {
        if (!(BatchEverySeconds > 0))
        {
            yield return "allocation.batchEverySeconds must be positive";
        }

        if (CadenceMinutes < 1)
        {
            yield return "allocation.cadenceMinutes must be at least 1";
        }

        if (!(FarFromCapitalKm > 0))
        {
            yield return "allocation.farFromCapitalKm must be positive";
        }

        if (FallbackLeadHours < 0 || double.IsNaN(FallbackLeadHours))
        {
            yield return "allocation.fallbackLeadHours must not be negative";
        }

        if (BotsKeepOnSeconds < 0 || double.IsNaN(BotsKeepOnSeconds))
        {
            yield return "allocation.botsKeepOnSeconds must not be negative";
        }

        if (BotsPerOperator < 1)
        {
            yield return "allocation.botsPerOperator must be at least 1";
        }
    }
}
