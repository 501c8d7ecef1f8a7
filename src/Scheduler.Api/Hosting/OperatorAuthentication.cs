namespace Scheduler.Api.Hosting;

/// <summary>
/// Where operator tokens are checked: the standard <c>Authentication:Schemes:Bearer</c> section (an OIDC
/// <c>Authority</c>, or <c>ValidIssuer</c>, <c>ValidAudiences</c> and <c>SigningKeys</c>, as <c>dotnet user-jwts</c>
/// writes them). Outside Development a host with operator routes refuses to start without one of the two: the
/// routes could not work, and nobody would notice until a deadline.
/// </summary>
public static class OperatorAuthentication
{
    public const string BearerSection = "Authentication:Schemes:Bearer";

    /// <summary>What is missing, or null when operator tokens can be checked (or operator routes are off, or this is Development).</summary>
    public static string? Missing(IConfiguration configuration, IHostEnvironment environment, ApiOptions api)
    {
        if (!api.OperatorRoutes || environment.IsDevelopment())
        {
            return null;
        }

        var bearer = configuration.GetSection(BearerSection);
        if (!string.IsNullOrWhiteSpace(bearer["Authority"]))
        {
            return null;
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(bearer["ValidIssuer"]) && !bearer.GetSection("ValidIssuers").GetChildren().Any())
        {
            missing.Add($"{BearerSection}:ValidIssuer");
        }

        if (string.IsNullOrWhiteSpace(bearer["ValidAudience"]) && !bearer.GetSection("ValidAudiences").GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            missing.Add($"{BearerSection}:ValidAudiences:0");
        }

        if (!bearer.GetSection("SigningKeys").GetChildren().Any(k => !string.IsNullOrWhiteSpace(k["Value"])))
        {
            missing.Add($"{BearerSection}:SigningKeys:0:Value (and :Issuer)");
        }

        return missing.Count == 0
            ? null
            : $"Operator routes need token settings in the {environment.EnvironmentName} environment: set {string.Join(", ", missing)}, " +
              $"or {BearerSection}:Authority for an OIDC provider, or switch the operator routes off with Scheduler:Api:OperatorRoutes=false.";
    }
}
