using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Scheduler.Testing;

/// <summary>
/// A signing key (made up, or given), the host settings that make the API's standard
/// <c>Authentication:Schemes:Bearer</c> section trust it (as <c>dotnet user-jwts</c> configures it), and HS256
/// tokens signed with it: an operator's, a booking front end's, and one without a role.
/// </summary>
public sealed class OperatorTokens
{
    public const string Issuer = "scheduler-tests";
    public const string Audience = "scheduler";
    public const string OperatorRole = "operator";
    public const string ApiClientRole = "booking-client";

    private const string Section = "Authentication:Schemes:Bearer";
    private readonly byte[] key;
    private readonly TimeProvider time;

    /// <summary>A key of 32 random bytes, made up for this instance.</summary>
    public OperatorTokens(TimeProvider? time = null)
        : this(RandomNumberGenerator.GetBytes(32), time)
    {
    }

    public OperatorTokens(byte[] key, TimeProvider? time = null)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("HS256 needs a key of at least 32 bytes", nameof(key));
        }

        this.key = key;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>How long a token is valid from the moment it is minted (an hour unless the caller runs longer).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    public SymmetricSecurityKey SigningKey => new(key);

    /// <summary>Configuration keys and values that make the API trust tokens from <see cref="Issuer"/> signed with this key.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [$"{Section}:ValidIssuer"] = Issuer,
        [$"{Section}:ValidAudiences:0"] = Audience,
        [$"{Section}:SigningKeys:0:Issuer"] = Issuer,
        [$"{Section}:SigningKeys:0:Value"] = Convert.ToBase64String(key),
    };

    /// <summary>The same <see cref="Settings"/> as environment variables of a host process (<c>__</c> for <c>:</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    /// <summary>A token with role <c>operator</c>.</summary>
    public string Operator() => Mint(new Dictionary<string, object> { ["sub"] = "operator-1", ["role"] = OperatorRole });

    /// <summary>A token with role <c>operator</c> for <paramref name="name"/>, with the claims <c>dotnet user-jwts --name</c> gives.</summary>
    public string Operator(string name) => Mint(new Dictionary<string, object> { ["sub"] = name, ["unique_name"] = name, ["role"] = OperatorRole });

    /// <summary>A token of a booking front end (an API client with a quota of its own) named <paramref name="client"/>.</summary>
    public string ApiClient(string client) => Mint(new Dictionary<string, object> { ["sub"] = client, ["role"] = ApiClientRole });

    /// <summary>A valid token of someone who is not an operator.</summary>
    public string WithoutRole() => Mint(new Dictionary<string, object> { ["sub"] = "applicant-1" });

    private string Mint(Dictionary<string, object> claims)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now,
            // A minute of slack for a host whose clock is a little behind ours.
            NotBefore = now.AddMinutes(-1),
            Expires = now.Add(Lifetime),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
