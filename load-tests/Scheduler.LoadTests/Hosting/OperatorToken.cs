using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scheduler.LoadTests.Hosting;

/// <summary>
/// A signing key the tool makes up when it starts the scheduler itself, the environment that tells the
/// API's standard <c>Authentication:Schemes:Bearer</c> section to trust it, and an operator token signed with it.
/// </summary>
public sealed class OperatorToken
{
    public const string Issuer = "scheduler-loadtest";
    public const string Audience = "scheduler";

    private readonly byte[] _key;

    public OperatorToken(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("HS256 needs a key of at least 32 bytes", nameof(key));
        }

        _key = key;
    }

    public static OperatorToken CreateRandom() => new(RandomNumberGenerator.GetBytes(32));

    public string KeyBase64 => Convert.ToBase64String(_key);

    /// <summary>Environment variables for the API process (configuration keys with <c>__</c> for <c>:</c>).</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment() => new Dictionary<string, string>
    {
        ["Authentication__Schemes__Bearer__ValidIssuer"] = Issuer,
        ["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = Issuer,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = KeyBase64,
    };

    /// <summary>An HS256 JWT with <c>role</c> = <c>operator</c>, valid for <paramref name="lifetime"/> from now.</summary>
    public string Mint(TimeProvider time, TimeSpan lifetime)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.Add(lifetime),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "load-test-operator",
                ["role"] = "operator",
            },
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public SymmetricSecurityKey SigningKey => new(_key);
}
