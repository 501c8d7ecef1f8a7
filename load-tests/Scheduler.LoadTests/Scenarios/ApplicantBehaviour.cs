namespace Scheduler.LoadTests.Scenarios;

/// <summary>How the virtual applicants of a scenario live, search, choose and book.</summary>
public sealed record ApplicantBehaviour
{
    public const string SearchAndBook = "search-and-book";
    public const string DirectBook = "direct-book";
    public const string SearchOnly = "search-only";

    /// <summary><see cref="DirectStart"/>: the first slot of the chosen day.</summary>
    public const string OpeningSlot = "opening";

    /// <summary><see cref="DirectStart"/>: no start; the scheduler seats the applicant in the day's earliest free slot.</summary>
    public const string EarliestFreeSlot = "earliest-free";

    /// <summary>
    /// What an applicant does: <c>search-and-book</c> (search, look at days, book, follow alternatives),
    /// <c>direct-book</c> (straight to booking the first open day's earliest slot at <see cref="TargetOfficeId"/>,
    /// then alternatives) or <c>search-only</c> ("earliest near me" and the chosen office's days, no booking).
    /// </summary>
    public string Journey { get; init; } = SearchAndBook;

    /// <summary>How many offices an "earliest near me" search asks for (<c>limit</c>).</summary>
    public int EarliestLimit { get; init; } = 20;

    /// <summary>Standard deviation, in km, of a home's offset from its office, by department; key "default" for the rest.</summary>
    public Dictionary<string, double> ScatterKm { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Lima"] = 5,
        ["Callao"] = 4,
        ["default"] = 15,
    };

    /// <summary>Relative weights of document types.</summary>
    public Dictionary<string, double> DocumentTypes { get; init; } = new()
    {
        ["CE"] = 20,
        ["PASSPORT"] = 25,
        ["PTP"] = 35,
        ["CPP"] = 20,
    };

    /// <summary>Relative weights of issuing countries.</summary>
    public Dictionary<string, double> Countries { get; init; } = new()
    {
        ["VE"] = 92,
        ["CO"] = 3,
        ["EC"] = 2,
        ["HT"] = 1.5,
        ["CU"] = 1.5,
    };

    /// <summary>How long an applicant keeps trying before giving up, in seconds.</summary>
    public NumberRange PatienceSeconds { get; init; } = new(30, 120);

    /// <summary>Pause between reading a page and acting on it, in milliseconds.</summary>
    public NumberRange ThinkTimeMs { get; init; } = new(50, 500);

    /// <summary>Radius of the first "earliest near me" search.</summary>
    public double SearchRadiusKm { get; init; } = 60;

    /// <summary>Radius used when the first search finds nothing.</summary>
    public double WideSearchRadiusKm { get; init; } = 1500;

    /// <summary>Farther than this from home an applicant does not accept an alternative.</summary>
    public double MaxTravelKm { get; init; } = 150;

    /// <summary>
    /// When set, how far an applicant travels to the capital's area (the offices within the far rule's distance of the
    /// capital's) when nothing within <see cref="MaxTravelKm"/> of home is in it: a home farther than this from an office
    /// there does not take a seat there (a bus ride of a day; farther means flying for a 20-minute appointment), in
    /// either mode. Null: an applicant takes a seat anywhere when nothing near home has one, and a batch request from
    /// far away names the whole capital's area.
    /// </summary>
    public double? CapitalTripKm { get; init; }

    /// <summary>The distance/date trade-off: how many km of travel an applicant accepts to be served one day sooner.</summary>
    public double KmPerDay { get; init; } = 8;

    /// <summary>Searches start this many days after today (a value near 49 aims at newly released days).</summary>
    public int SearchFromDaysAhead { get; init; }

    /// <summary>How many days of an office's availability an applicant looks at.</summary>
    public int AvailabilityWindowDays { get; init; } = 14;

    /// <summary>
    /// When set, the last day (days after today) an applicant accepts: a seat after it is no use (the deadline
    /// scenario's "before the deadline"). Offers, days and alternatives later than it are passed over, and a batch
    /// request's window ends there. Null: any day.
    /// </summary>
    public int? LatestDaysAhead { get; init; }

    /// <summary>When set, every applicant wants this office, whatever is near home.</summary>
    public string? TargetOfficeId { get; init; }

    /// <summary>
    /// <c>direct-book</c>: each applicant first asks for one of the first this many open days at
    /// <see cref="TargetOfficeId"/> (chosen uniformly; with a <c>prepare</c> section that raised the office's
    /// capacity, among the days it opened). 1: everyone asks for the first open day.
    /// </summary>
    public int DirectOpenDays { get; init; } = 1;

    /// <summary>
    /// <c>direct-book</c>: which seat of the chosen day is asked for: <c>opening</c> (its first slot, the same for
    /// everyone choosing that day) or <c>earliest-free</c> (no start: the scheduler seats the applicant in the
    /// day's earliest free slot, so slot-full means the whole day is full).
    /// </summary>
    public string DirectStart { get; init; } = OpeningSlot;

    /// <summary>How a slot is picked within a day: <c>earliest</c>, <c>early-random</c> (one of the first few) or <c>random</c>.</summary>
    public string SlotChoice { get; init; } = "early-random";

    /// <summary>How many searches (first plus repeated after slot-full) an applicant makes at most.</summary>
    public int MaxSearches { get; init; } = 3;

    /// <summary>How many slot-full alternatives an applicant tries after one search.</summary>
    public int MaxAlternatives { get; init; } = 3;

    /// <summary>Share (0..1) of booked applicants who then read their appointment back.</summary>
    public double ReadShare { get; init; } = 0.3;

    /// <summary>Share (0..1) of booked applicants who then move their appointment.</summary>
    public double RescheduleShare { get; init; } = 0.05;

    /// <summary>Share (0..1) of booked applicants who then cancel.</summary>
    public double CancelShare { get; init; } = 0.03;
}
