using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Scheduler.Testing;

namespace Scheduler.LoadTests.Tests;

public sealed class OperatorTokensTests
{
    private static readonly DateTimeOffset Noon = new(2030, 3, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_minted_token_validates_with_the_key_issuer_and_audience_given_to_the_host_process()
    {
        var tokens = new OperatorTokens();
        var environment = tokens.Environment;

        var result = await ValidateAsync(tokens.Operator(), new TokenValidationParameters
        {
            ValidIssuer = environment["Authentication__Schemes__Bearer__ValidIssuer"],
            ValidAudience = environment["Authentication__Schemes__Bearer__ValidAudiences__0"],
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(environment["Authentication__Schemes__Bearer__SigningKeys__0__Value"])),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("operator", result.Claims["role"]);
        Assert.Equal("HS256", ((JsonWebToken)result.SecurityToken).Alg);
        Assert.Equal(OperatorTokens.Issuer, environment["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"]);
    }

    [Fact]
    public void The_configuration_keys_and_the_environment_variables_carry_the_same_settings()
    {
        var tokens = new OperatorTokens();

        Assert.Equal(
            tokens.Settings.Select(s => (s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value)).Order(),
            tokens.Environment.Select(e => (e.Key, e.Value)).Order());
        Assert.Equal(Convert.ToBase64String(tokens.SigningKey.Key), tokens.Settings["Authentication:Schemes:Bearer:SigningKeys:0:Value"]);
    }

    [Fact]
    public async Task A_token_from_another_key_is_refused()
    {
        var token = new OperatorTokens().Operator();

        var result = await ValidateAsync(token, Trusting(new OperatorTokens()));

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task A_given_key_signs_tokens_that_another_minter_with_that_key_accepts()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var result = await ValidateAsync(new OperatorTokens(key).Operator(), Trusting(new OperatorTokens(key)));

        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public void Short_keys_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new OperatorTokens(new byte[16]));
    }

    [Fact]
    public async Task Each_kind_of_token_carries_its_role_and_subject()
    {
        var tokens = new OperatorTokens();
        var trust = Trusting(tokens);

        var named = await ValidateAsync(tokens.Operator("ana.operator"), trust);
        var client = await ValidateAsync(tokens.ApiClient("kiosk-network-lima"), trust);
        var noRole = await ValidateAsync(tokens.WithoutRole(), trust);

        Assert.Equal(("operator", "ana.operator", "ana.operator"), (named.Claims["role"], named.Claims["sub"], named.Claims["unique_name"]));
        Assert.Equal(("booking-client", "kiosk-network-lima"), (client.Claims["role"], client.Claims["sub"]));
        Assert.True(noRole.IsValid, noRole.Exception?.Message);
        Assert.False(noRole.Claims.ContainsKey("role"));
    }

    [Fact]
    public void A_token_is_valid_for_its_lifetime_from_the_given_clock()
    {
        var tokens = new OperatorTokens(new FixedTime(Noon)) { Lifetime = TimeSpan.FromHours(2) };

        var token = new JsonWebToken(tokens.Operator());

        Assert.Equal(Noon.UtcDateTime, token.IssuedAt);
        Assert.Equal(Noon.UtcDateTime.AddHours(2), token.ValidTo);
        Assert.True(token.ValidFrom < Noon.UtcDateTime);
    }

    [Fact]
    public async Task A_token_past_its_lifetime_is_refused()
    {
        var tokens = new OperatorTokens(new FixedTime(DateTimeOffset.UtcNow.AddHours(-2))) { Lifetime = TimeSpan.FromHours(1) };

        var result = await ValidateAsync(tokens.Operator(), Trusting(tokens));

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    private static TokenValidationParameters Trusting(OperatorTokens tokens) => new()
    {
        ValidIssuer = OperatorTokens.Issuer,
        ValidAudience = OperatorTokens.Audience,
        IssuerSigningKey = tokens.SigningKey,
    };

    private static Task<TokenValidationResult> ValidateAsync(string token, TokenValidationParameters parameters) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
