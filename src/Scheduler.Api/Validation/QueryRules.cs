using System.Text.RegularExpressions;
using Scheduler.Domain;

namespace Scheduler.Api.Validation;

/// <summary>
/// Rules every route's query string follows, checked before its handler runs: no control characters in any value,
/// and numbers written one way in every culture. Minimal APIs read <c>radiusKm=1,5</c> as 15 (the invariant
/// culture's thousands separator) and accept signs and surrounding spaces; here a number is digits, an optional
/// leading minus and, for fractions, one '.'.
/// </summary>
public static partial class QueryRules
{
    public static EndpointFilterDelegate Check(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var numbers = context.MethodInfo.GetParameters()
            .Select(p => (p.Name!, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .Where(p => p.Type == typeof(int) || p.Type == typeof(double))
            .ToArray();
        return invocation =>
        {
            var query = invocation.HttpContext.Request.Query;
            if (query.Count == 0)
            {
                return next(invocation);
            }

            var errors = new FieldErrors();
            foreach (var (name, values) in query)
            {
                if (values.Any(v => v is not null && v.Any(char.IsControl)))
                {
                    errors.Add(name, "must not contain control characters");
                }
            }

            foreach (var (name, type) in numbers)
            {
                if (query.TryGetValue(name, out var values) && values.Any(v => v is not null && v.Length > 0 && !StrictNumber(type, v)))
                {
                    errors.Add(name, type == typeof(int)
                        ? "must be a whole number written with digits only, e.g. 20"
                        : "must be a number written with digits and an optional '.', e.g. 12.5");
                }
            }

            return errors.IsEmpty ? next(invocation) : ValueTask.FromResult<object?>(Problems.Problems.Validation(errors));
        };
    }

    private static bool StrictNumber(Type type, string value) =>
        type == typeof(int) ? WholeNumber().IsMatch(value) : DecimalNumber().IsMatch(value);

    [GeneratedRegex("^-?[0-9]+$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex DecimalNumber();
}
