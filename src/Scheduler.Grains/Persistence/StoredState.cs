namespace Scheduler.Grains.Persistence;

/// <summary>
/// One grain state row as an upgrade reads it: the key columns the ADO.NET provider wrote (a string key in
/// <paramref name="Extension"/>; a key that reads as a hexadecimal number in <paramref name="N1"/>) and the state.
/// </summary>
public sealed record StoredState<T>(long N0, long N1, string Extension, T State)
{
    /// <summary>The row's key as one text, for messages.</summary>
    public string Key => $"{Extension}#{N0}:{N1}";

    /// <summary>Whether the provider would have stored the string grain key <paramref name="key"/> in this row.</summary>
    public bool IsKeyedBy(string key) =>
        Extension.Length > 0
            ? string.Equals(Extension, key, StringComparison.Ordinal)
            : N0 == 0 && long.TryParse(key, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var number) && number == N1;
}
