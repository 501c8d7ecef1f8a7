using Scheduler.Domain.Admission;

namespace Scheduler.Domain.Tests;

/// <summary>The waiting room's proof of work: signed, expiring challenges; answers checked bit by bit.</summary>
public class ProofOfWorkTests
{
    private static readonly byte[] Key = "a signing key of at least thirty-two bytes"u8.ToArray();
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_solved_challenge_gives_back_the_ticket_it_was_issued_for()
    {
        var ticket = AdmissionTicket.New("cpp-biometrics", 16);
        var challenge = ProofOfWork.Issue(Key, ticket, 12, Now.AddMinutes(2));
        var answer = ProofOfWork.Solve(challenge);

        Assert.Equal(ChallengeCheck.Solved, ProofOfWork.Verify(Key, challenge, answer, Now, out var solved));
        Assert.Equal(ticket, solved);
        Assert.True(ProofOfWork.LeadingZeroBits(ProofOfWork.Hash(challenge, answer)) >= 12);
    }

    [Fact]
    public void A_wrong_answer_an_expired_challenge_and_a_forged_one_are_each_named()
    {
        var challenge = ProofOfWork.Issue(Key, AdmissionTicket.New("cpp-biometrics", 16), 16, Now.AddMinutes(2));
        var wrong = Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(a => ProofOfWork.LeadingZeroBits(ProofOfWork.Hash(challenge, a)) < 16);

        Assert.Equal(ChallengeCheck.Wrong, ProofOfWork.Verify(Key, challenge, wrong, Now, out _));
        Assert.Equal(ChallengeCheck.Wrong, ProofOfWork.Verify(Key, challenge, "", Now, out _));
        Assert.Equal(ChallengeCheck.Expired, ProofOfWork.Verify(Key, challenge, ProofOfWork.Solve(challenge), Now.AddMinutes(2), out _));

        // Lowering the difficulty written in the challenge breaks its signature.
        var easier = challenge.Replace(".16.", ".1.", StringComparison.Ordinal);
        Assert.Equal(ChallengeCheck.Forged, ProofOfWork.Verify(Key, easier, ProofOfWork.Solve(easier), Now, out _));
        Assert.Equal(ChallengeCheck.Forged, ProofOfWork.Verify("another key of at least thirty-two bytes!!"u8.ToArray(), challenge, ProofOfWork.Solve(challenge), Now, out _));
        Assert.Equal(ChallengeCheck.Forged, ProofOfWork.Verify(Key, "no dots", "1", Now, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0, 0 }, 0)]
    [InlineData(new byte[] { 0x7F, 0xFF }, 1)]
    [InlineData(new byte[] { 0x00, 0x01, 0xFF }, 15)]
    [InlineData(new byte[] { 0x00, 0x00, 0x80, 0x00 }, 16)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00 }, 24)]
    public void Leading_zero_bits_count_to_the_first_one_bit_and_no_further(byte[] hash, int expected) =>
        Assert.Equal(expected, ProofOfWork.LeadingZeroBits(hash));

    [Fact]
    public void Tokens_are_bound_to_their_ticket_and_refused_when_forged_or_expired()
    {
        var ticket = AdmissionTicket.New("cpp-biometrics", 16);
        var token = AdmissionTokens.Issue(Key, ticket, Now.AddMinutes(10));

        Assert.Equal(TokenCheck.Valid, AdmissionTokens.Verify(Key, token, Now, out var bound));
        Assert.Equal(ticket, bound);
        Assert.Equal(TokenCheck.Expired, AdmissionTokens.Verify(Key, token, Now.AddMinutes(10), out _));
        var otherTicket = token.Replace(ticket, AdmissionTicket.New("cpp-biometrics", 16), StringComparison.Ordinal);
        Assert.Equal(TokenCheck.Forged, AdmissionTokens.Verify(Key, otherTicket, Now, out _));
        var later = token.Replace($".{Now.AddMinutes(10).ToUnixTimeSeconds()}.", $".{Now.AddDays(10).ToUnixTimeSeconds()}.", StringComparison.Ordinal);
        Assert.Equal(TokenCheck.Forged, AdmissionTokens.Verify(Key, later, Now, out _));
        Assert.Equal(TokenCheck.Forged, AdmissionTokens.Verify(Key, "", Now, out _));
        Assert.Equal(TokenCheck.Forged, AdmissionTokens.Verify(Key, ProofOfWork.Issue(Key, ticket, 1, Now.AddMinutes(1)), Now, out _));
    }
}
