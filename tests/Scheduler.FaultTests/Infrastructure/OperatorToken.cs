using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>A signing key made up per test run, the host settings that trust it, and an HS256 operator token.</summary>
public sealed class OperatorToken
{
    private const string Issuer = "scheduler-fault-tests";
    private const string Audience = "scheduler";
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Environment variables for the hosts (the standard <c>Authentication:Schemes:Bearer</c> section).</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment => new Dictionary<string, string>
    {
        ["Authentication__Schemes__Bearer__ValidIssuer"] = Issuer,
        ["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = Issuer,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Convert.ToBase64String(key),
    };

    public string Mint()
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(2),
            Claims = new Dictionary<string, object> { ["sub"] = "fault-tests", ["role"] = "operator" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
