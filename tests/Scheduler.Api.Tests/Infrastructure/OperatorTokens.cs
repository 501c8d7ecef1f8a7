using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>
/// A signing key of the test host's own (configured under <c>Authentication:Schemes:Bearer</c>, as
/// <c>dotnet user-jwts</c> does) and HS256 tokens signed with it.
/// </summary>
public sealed class OperatorTokens
{
    public const string Issuer = "scheduler-tests";
    public const string Audience = "scheduler-api";

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Configuration that makes the API trust tokens from <see cref="Issuer"/> signed with this key.</summary>
    public IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Authentication:Schemes:Bearer:ValidIssuer", Issuer),
        ("Authentication:Schemes:Bearer:ValidAudiences:0", Audience),
        ("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer),
        ("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(key)),
    ];

    /// <summary>A token with role <c>operator</c>.</summary>
    public string Operator() => Mint(new Dictionary<string, object> { ["sub"] = "operator-1", ["role"] = "operator" });

    /// <summary>A token with role <c>operator</c> for <paramref name="name"/>, with the claims <c>dotnet user-jwts --name</c> gives.</summary>
    public string Operator(string name) => Mint(new Dictionary<string, object> { ["sub"] = name, ["unique_name"] = name, ["role"] = "operator" });

    /// <summary>A token of a booking front end (an API client with a quota of its own) named <paramref name="client"/>.</summary>
    public string ApiClient(string client) => Mint(new Dictionary<string, object> { ["sub"] = client, ["role"] = "booking-client" });

    /// <summary>A valid token of someone who is not an operator.</summary>
    public string WithoutRole() => Mint(new Dictionary<string, object> { ["sub"] = "applicant-1" });

    private string Mint(Dictionary<string, object> claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Claims = claims,
        IssuedAt = DateTime.UtcNow,
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });
}
