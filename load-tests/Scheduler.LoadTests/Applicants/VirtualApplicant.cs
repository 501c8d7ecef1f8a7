using Scheduler.LoadTests.Geography;

namespace Scheduler.LoadTests.Applicants;

/// <summary>One simulated person: where they live, who they are, how patient they are and what they will do after booking.</summary>
public sealed record VirtualApplicant
{
    public required int Id { get; init; }
    public required OfficeSite HomeOffice { get; init; }
    public required GeoPoint Home { get; init; }
    public required string DocumentType { get; init; }
    public required string DocumentNumber { get; init; }
    public required string Country { get; init; }
    public required string FullName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public required double PatienceSeconds { get; init; }

    /// <summary>This person's distance/date trade-off: km of travel worth one day sooner.</summary>
    public required double KmPerDay { get; init; }

    public required bool WillRead { get; init; }
    public required bool WillReschedule { get; init; }
    public required bool WillCancel { get; init; }

    /// <summary>Seeds this applicant's own random choices, so a run can be replayed.</summary>
    public required int Seed { get; init; }

    /// <summary>
    /// Set for a slot-grabbing script's identity: the operator running it (numbered from 0). An operator holds a
    /// pool of identities and sends everything for them from one address.
    /// </summary>
    public int? BotOperator { get; init; }

    /// <summary>Home farther from the capital's offices than the far rule's distance.</summary>
    public bool HomeFar { get; init; }

    /// <summary>Identity used to spot two active appointments for one person.</summary>
    public string Identity => $"{DocumentType}:{Country}:{DocumentNumber}";
}
