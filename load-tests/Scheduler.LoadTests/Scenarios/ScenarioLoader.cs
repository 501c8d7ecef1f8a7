using System.Text.Json;

namespace Scheduler.LoadTests.Scenarios;

/// <summary>Finds scenario files by name and reads them, refusing ones that would run nonsense.</summary>
public static class ScenarioLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The folder holding the scenarios shipped with the tool (copied next to the binary).</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "scenarios");

    /// <summary>Names of the shipped scenarios.</summary>
    public static IReadOnlyList<string> ShippedNames() =>
        Directory.Exists(ShippedFolder)
            ? Directory.GetFiles(ShippedFolder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order().ToList()
            : [];

    /// <summary>Loads a shipped scenario by name, or any scenario file by path.</summary>
    public static Scenario Load(string nameOrPath)
    {
        var path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(ShippedFolder, nameOrPath + ".json");
        if (!File.Exists(path))
        {
            var known = string.Join(", ", ShippedNames());
            throw new ScenarioException($"unknown scenario '{nameOrPath}' (known: {known}; or give a path to a .json file)");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads and validates a scenario from JSON text.</summary>
    public static Scenario Parse(string json, string source = "scenario")
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{source}: {e.Message}");
        }

        if (scenario is null)
        {
            throw new ScenarioException($"{source}: empty scenario");
        }

        var problems = Validate(scenario).ToList();
        if (problems.Count > 0)
        {
            throw new ScenarioException($"{source}: {string.Join("; ", problems)}");
        }

        return scenario;
    }

    /// <summary>Everything wrong with a scenario, as readable sentences.</summary>
    public static IEnumerable<string> Validate(Scenario s)
    {
        if (string.IsNullOrWhiteSpace(s.Name))
        {
            yield return "name is required";
        }

        if (!(s.DurationSeconds > 0))
        {
            yield return "durationSeconds must be positive";
        }

        if (s.Rate.Count == 0)
        {
            yield return "rate needs at least one point";
        }

        for (var i = 0; i < s.Rate.Count; i++)
        {
            var p = s.Rate[i];
            if (p.AtSeconds < 0 || p.AtSeconds > s.DurationSeconds)
            {
                yield return $"rate[{i}].atSeconds must lie within 0..durationSeconds";
            }

            if (p.PerSecond < 0 || double.IsNaN(p.PerSecond) || double.IsInfinity(p.PerSecond))
            {
                yield return $"rate[{i}].perSecond must be a non-negative number";
            }

            if (i > 0 && p.AtSeconds < s.Rate[i - 1].AtSeconds)
            {
                yield return $"rate[{i}].atSeconds goes back in time";
            }
        }

        if (s.ArrivalProcess is not ("poisson" or "uniform"))
        {
            yield return "arrivalProcess must be 'poisson' or 'uniform'";
        }

        if (s.WarmupSeconds < 0 || s.WarmupSeconds >= s.DurationSeconds)
        {
            yield return "warmupSeconds must lie within 0..durationSeconds (exclusive)";
        }

        if (s.MaxInFlight < 1)
        {
            yield return "maxInFlight must be at least 1";
        }

        var a = s.Applicants;
        foreach (var (name, share) in new[] { ("readShare", a.ReadShare), ("rescheduleShare", a.RescheduleShare), ("cancelShare", a.CancelShare) })
        {
            if (share is < 0 or > 1)
            {
                yield return $"applicants.{name} must lie within 0..1";
            }
        }

        if (a.Journey is not (ApplicantBehaviour.SearchAndBook or ApplicantBehaviour.DirectBook or ApplicantBehaviour.SearchOnly))
        {
            yield return "applicants.journey must be 'search-and-book', 'direct-book' or 'search-only'";
        }
        else if (a.Journey == ApplicantBehaviour.DirectBook && string.IsNullOrWhiteSpace(a.TargetOfficeId))
        {
            yield return "applicants.journey 'direct-book' needs applicants.targetOfficeId";
        }

        if (a.LatestDaysAhead is { } latest && latest < a.SearchFromDaysAhead)
        {
            yield return "applicants.latestDaysAhead must not come before searchFromDaysAhead";
        }

        if (a.DirectOpenDays < 1)
        {
            yield return "applicants.directOpenDays must be at least 1";
        }

        if (a.DirectStart is not (ApplicantBehaviour.OpeningSlot or ApplicantBehaviour.EarliestFreeSlot))
        {
            yield return "applicants.directStart must be 'opening' or 'earliest-free'";
        }

        if (s.Prepare is { } prepare)
        {
            for (var i = 0; i < prepare.RaiseCapacity.Count; i++)
            {
                foreach (var problem in prepare.RaiseCapacity[i].Problems($"prepare.raiseCapacity[{i}]", mayClose: true))
                {
                    yield return problem;
                }
            }

            for (var i = 0; i < prepare.Releases.Count; i++)
            {
                foreach (var problem in prepare.Releases[i].Problems($"prepare.releases[{i}]", s.DurationSeconds))
                {
                    yield return problem;
                }

                if (i > 0 && prepare.Releases[i].AtSeconds < prepare.Releases[i - 1].AtSeconds)
                {
                    yield return $"prepare.releases[{i}].atSeconds goes back in time";
                }
            }
        }

        foreach (var problem in s.Allocation.Problems())
        {
            yield return problem;
        }

        if (a.EarliestLimit < 1)
        {
            yield return "applicants.earliestLimit must be at least 1";
        }

        if (a.SlotChoice is not ("earliest" or "early-random" or "random"))
        {
            yield return "applicants.slotChoice must be 'earliest', 'early-random' or 'random'";
        }

        if (a.DocumentTypes.Count == 0 || a.DocumentTypes.Values.Any(w => w < 0) || a.DocumentTypes.Values.Sum() <= 0)
        {
            yield return "applicants.documentTypes needs positive weights";
        }

        if (a.Countries.Count == 0 || a.Countries.Values.Any(w => w < 0) || a.Countries.Values.Sum() <= 0)
        {
            yield return "applicants.countries needs positive weights";
        }

        if (a.PatienceSeconds.Min <= 0 || a.PatienceSeconds.Max < a.PatienceSeconds.Min)
        {
            yield return "applicants.patienceSeconds must be a positive range";
        }

        if (a.ThinkTimeMs.Min < 0 || a.ThinkTimeMs.Max < a.ThinkTimeMs.Min)
        {
            yield return "applicants.thinkTimeMs must be a non-negative range";
        }

        if (a.SearchRadiusKm <= 0 || a.KmPerDay <= 0 || a.AvailabilityWindowDays < 1 || a.MaxSearches < 1)
        {
            yield return "applicants.searchRadiusKm, kmPerDay, availabilityWindowDays and maxSearches must be positive";
        }

        if (a.CapitalTripKm is { } trip && !(trip >= a.MaxTravelKm))
        {
            yield return "applicants.capitalTripKm must be at least maxTravelKm";
        }

        if (s.Client.RequestTimeoutSeconds <= 0 || s.Client.MaxAttempts < 1 || s.Client.MaxConnections < 1)
        {
            yield return "client.requestTimeoutSeconds, maxAttempts and maxConnections must be positive";
        }
    }
}
