using System.Globalization;

namespace Scheduler.Contracts;

/// <summary>Identity of a day inventory: office x procedure x local date. Its string form is the grain key.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.DayKey")]
public readonly record struct DayKey(string OfficeId, string Procedure, DateOnly Date)
{
    public override string ToString() =>
        $"{OfficeId}/{Procedure}/{Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static DayKey Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{key}' is not a day key (office/procedure/yyyy-MM-dd).");
        }

        return new DayKey(parts[0], parts[1], DateOnly.ParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
