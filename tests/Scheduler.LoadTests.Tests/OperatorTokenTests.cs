using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Scheduler.LoadTests.Hosting;

namespace Scheduler.LoadTests.Tests;

public sealed class OperatorTokenTests
{
    [Fact]
    public async Task The_minted_token_validates_with_the_key_issuer_and_audience_given_to_the_server()
    {
        var signing = OperatorToken.CreateRandom();
        var token = signing.Mint(TimeProvider.System, TimeSpan.FromHours(1));
        var env = signing.ServerEnvironment();

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = env["Authentication__Schemes__Bearer__ValidIssuer"],
            ValidAudience = env["Authentication__Schemes__Bearer__ValidAudiences__0"],
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(env["Authentication__Schemes__Bearer__SigningKeys__0__Value"])),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("operator", result.Claims["role"]);
        Assert.Equal("HS256", ((JsonWebToken)result.SecurityToken).Alg);
    }

    [Fact]
    public async Task A_token_from_another_key_is_refused()
    {
        var token = OperatorToken.CreateRandom().Mint(TimeProvider.System, TimeSpan.FromHours(1));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = OperatorToken.Issuer,
            ValidAudience = OperatorToken.Audience,
            IssuerSigningKey = OperatorToken.CreateRandom().SigningKey,
        });

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Short_keys_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new OperatorToken(new byte[16]));
    }
}
