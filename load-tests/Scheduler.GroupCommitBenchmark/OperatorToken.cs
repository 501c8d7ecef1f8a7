using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>A signing key made up per run, the host settings that trust it, and an HS256 operator token.</summary>
public sealed class OperatorToken
{
    private const string Issuer = "scheduler-gc-bench";
    private const string Audience = "scheduler";
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public IReadOnlyDictionary<string, string> HostEnvironment => new Dictionary<string, string>
    {
        ["Authentication__Schemes__Bearer__ValidIssuer"] = Issuer,
        ["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = Issuer,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Convert.ToBase64String(key),
    };

    public string Mint() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Expires = DateTime.UtcNow.AddHours(4),
        Claims = new Dictionary<string, object> { ["sub"] = "gc-bench", ["role"] = "operator" },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });
}
