using System.Globalization;
using Scheduler.Domain;

namespace Scheduler.Api.Validation;

/// <summary>Parses the text fields of requests (dates, times, ids), recording what is wrong per field.</summary>
public static class RequestReader
{
    public const int MaxIdLength = 64;

    /// <summary>How far from today, either way, operators plan capacity and read rosters and utilisation.</summary>
    public const int OperatorPlanningDays = 366;

    public static DateOnly? Date(this FieldErrors errors, string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "is required (YYYY-MM-DD)");
            }

            return null;
        }

        if (value.Length != 10 || !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, "must be a date in the form YYYY-MM-DD");
            return null;
        }

        return date;
    }

    /// <summary>
    /// A date an applicant search may ask about: on or before the last day of the booking window. Later dates are
    /// refused naming the field (nothing is bookable there, and date arithmetic near the end of the calendar overflows).
    /// </summary>
    public static DateOnly? WindowDate(this FieldErrors errors, string field, string? value, BookingWindow window, bool required = false)
    {
        var date = errors.Date(field, value, required);
        if (date > window.LastDay)
        {
            errors.Add(field, $"is beyond the booking window ({window.HorizonDays} days ahead)");
            return null;
        }

        return date;
    }

    /// <summary>
    /// A date an operator may plan or report on: within <see cref="OperatorPlanningDays"/> days of today, either side
    /// (the booking window is at most that long, so nothing further is ever planned or booked).
    /// </summary>
    public static DateOnly? OperatorDate(this FieldErrors errors, string field, string? value, DateOnly today, bool required = true)
    {
        var date = errors.Date(field, value, required);
        if (date is { } d && Math.Abs(d.DayNumber - today.DayNumber) > OperatorPlanningDays)
        {
            errors.Add(field, $"must be within {OperatorPlanningDays} days of today");
            return null;
        }

        return date;
    }

    public static TimeOnly? Time(this FieldErrors errors, string field, string? value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "is required (HH:mm)");
            }

            return null;
        }

        if (value.Length != 5 || !TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add(field, "must be a local time in the form HH:mm");
            return null;
        }

        return time;
    }

    /// <summary>An identifier such as an office or procedure id: lower-case letters, digits and dashes.</summary>
    public static string? Id(this FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required");
            return null;
        }

        if (value.Length > MaxIdLength || !value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            errors.Add(field, "must be an identifier of lower-case letters, digits and dashes");
            return null;
        }

        return value;
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
