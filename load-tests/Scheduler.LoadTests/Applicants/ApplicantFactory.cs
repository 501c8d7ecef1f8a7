using Scheduler.LoadTests.Fairness;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Applicants;

/// <summary>
/// Makes the virtual applicants of a run from a seed: homes by demand share, random documents
/// (8–12 digits, never repeated within a run), names, patience and intentions. A share
/// <paramref name="botShare"/> of them are a slot-grabbing script's identities, <paramref name="botsPerOperator"/>
/// to an operator (drawn from a generator of their own, so the people of a seed stay the same with or without
/// bots). Not thread-safe: the arrival loop calls it from one thread.
/// </summary>
public sealed class ApplicantFactory(
    ApplicantPlacer placer, ApplicantBehaviour behaviour, int seed, double botShare = 0, int botsPerOperator = 20, FarRule? farRule = null)
{
    private static readonly string[] GivenNames =
    [
        "Maria", "Jose", "Luis", "Carmen", "Ana", "Carlos", "Daniela", "Jesus", "Yelitza", "Andres",
        "Gabriela", "Miguel", "Valentina", "Rafael", "Yusmary", "Alejandro", "Mariangel", "Jorge",
        "Rosa", "Pedro", "Yorman", "Franyelis", "Eduardo", "Karla", "Victor", "Oriana", "Wilmer",
    ];

    private static readonly string[] FamilyNames =
    [
        "Gonzalez", "Rodriguez", "Perez", "Hernandez", "Garcia", "Martinez", "Lopez", "Rivas", "Mendoza",
        "Silva", "Torres", "Rojas", "Diaz", "Moreno", "Castillo", "Ramirez", "Guerrero", "Medina",
        "Suarez", "Blanco", "Chirinos", "Briceno", "Quintero", "Villalobos", "Marquez", "Urdaneta",
    ];

    // A large prime: coprime to every range below (9 * 10^k - 1 has no factor this large), so
    // multiplying by it permutes each range.
    private const ulong Multiplier = 2_147_483_647;
    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000];
    private readonly Random _random = new(seed);
    private readonly long _offset = new Random(seed ^ 0x5eed).NextInt64(0, 1_000_000_000);
    private readonly Random _bots = new(seed ^ 0xb07);
    private int _next;
    private int _botIdentities;

    /// <summary>The next applicant of the run.</summary>
    public VirtualApplicant Next()
    {
        var id = ++_next;
        var (office, home) = placer.Place(_random);
        var documentType = RandomSampling.Weighted(_random, behaviour.DocumentTypes);
        var country = RandomSampling.Weighted(_random, behaviour.Countries);
        var number = UniqueDocumentNumber(id);
        var given = GivenNames[_random.Next(GivenNames.Length)];
        var family1 = FamilyNames[_random.Next(FamilyNames.Length)];
        var family2 = FamilyNames[_random.Next(FamilyNames.Length)];
        var hasEmail = _random.NextDouble() < 0.7;
        var hasPhone = _random.NextDouble() < 0.8;
        int? botOperator = botShare > 0 && _bots.NextDouble() < botShare ? _botIdentities++ / Math.Max(1, botsPerOperator) : null;
        return new VirtualApplicant
        {
            Id = id,
            HomeOffice = office,
            Home = home,
            DocumentType = documentType,
            DocumentNumber = number,
            Country = country,
            FullName = $"{given} {family1} {family2}",
            Email = hasEmail ? $"{given}.{family1}{number[^4..]}@example.com".ToLowerInvariant() : null,
            Phone = hasPhone ? "+519" + _random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            PatienceSeconds = behaviour.PatienceSeconds.Draw(_random),
            KmPerDay = behaviour.KmPerDay * Math.Exp(RandomSampling.Normal(_random) * 0.5),
            WillRead = _random.NextDouble() < behaviour.ReadShare,
            WillReschedule = _random.NextDouble() < behaviour.RescheduleShare,
            WillCancel = _random.NextDouble() < behaviour.CancelShare,
            Seed = _random.Next(),
            BotOperator = botOperator,
            HomeFar = farRule?.IsFar(home) ?? false,
        };
    }

    /// <summary>
    /// 8-12 digits, never repeated within a run, without remembering the ones given: the length is
    /// drawn, and the number is the applicant's sequence number sent through a bijection of the numbers
    /// of that length (multiplication by a constant coprime to the range, plus a per-run offset), so two
    /// applicants can only share a length, never a number.
    /// </summary>
    private string UniqueDocumentNumber(int id)
    {
        var digits = _random.Next(8, 13);
        var low = Pow10[digits - 1];
        var range = (9 * low) - 1; // numbers low .. 10*low - 2 (the last one left out keeps the range coprime to the multiplier)
        var index = (ulong)(((UInt128)(ulong)(id + _offset) * Multiplier) % (ulong)range);
        return (low + (long)index).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
