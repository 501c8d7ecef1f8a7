namespace Scheduler.Api.Validation;

/// <summary>Collects what is wrong with a request, per field (JSON path such as <c>applicant.documentNumber</c>).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Checks a required free-text field: present, not too long, no control characters.</summary>
    public string? RequireText(string field, string? value, int maxLength, int minLength = 1)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return null;
        }

        return CheckText(field, value, maxLength, minLength);
    }

    /// <summary>Checks an optional free-text field when present.</summary>
    public string? OptionalText(string field, string? value, int maxLength) =>
        string.IsNullOrEmpty(value) ? null : CheckText(field, value, maxLength, 1);

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    private string? CheckText(string field, string value, int maxLength, int minLength)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
            return null;
        }

        if (trimmed.Length < minLength)
        {
            Add(field, $"must be at least {minLength} characters");
            return null;
        }

        if (trimmed.Any(char.IsControl) || trimmed.Any(c => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate && c != '\u200D'))
        {
            Add(field, "must not contain control or invisible characters");
            return null;
        }

        return trimmed;
    }
}
