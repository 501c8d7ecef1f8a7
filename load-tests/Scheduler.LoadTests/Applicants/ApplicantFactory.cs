using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Applicants;

/// <summary>
/// Makes the virtual applicants of a run from a seed: homes by demand share, random documents
/// (8–12 digits, never repeated within a run), names, patience and intentions. Not thread-safe: the
/// arrival loop calls it from one thread.
/// </summary>
public sealed class ApplicantFactory(ApplicantPlacer placer, ApplicantBehaviour behaviour, int seed)
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

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _documents = [];
    private int _next;

    /// <summary>The next applicant of the run.</summary>
    public VirtualApplicant Next()
    {
        var id = ++_next;
        var (office, home) = placer.Place(_random);
        var documentType = RandomSampling.Weighted(_random, behaviour.DocumentTypes);
        var country = RandomSampling.Weighted(_random, behaviour.Countries);
        var number = UniqueDocumentNumber();
        var given = GivenNames[_random.Next(GivenNames.Length)];
        var family1 = FamilyNames[_random.Next(FamilyNames.Length)];
        var family2 = FamilyNames[_random.Next(FamilyNames.Length)];
        var hasEmail = _random.NextDouble() < 0.7;
        var hasPhone = _random.NextDouble() < 0.8;
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
        };
    }

    private string UniqueDocumentNumber()
    {
        while (true)
        {
            var digits = _random.Next(8, 13);
            var chars = new char[digits];
            chars[0] = (char)('1' + _random.Next(9));
            for (var i = 1; i < digits; i++)
            {
                chars[i] = (char)('0' + _random.Next(10));
            }

            var number = new string(chars);
            if (_documents.Add(number))
            {
                return number;
            }
        }
    }
}
