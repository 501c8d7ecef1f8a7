using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

public class ConfirmationCodeTests
{
    [Fact]
    public void Codes_avoid_characters_that_are_easy_to_confuse()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => ConfirmationCode.New()).ToArray();

        Assert.All(codes, code =>
        {
            Assert.Matches("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", code);
            Assert.DoesNotContain('0', code);
            Assert.DoesNotContain('O', code);
            Assert.DoesNotContain('1', code);
            Assert.DoesNotContain('I', code);
        });
    }

    [Fact]
    public void Codes_repeat_no_more_often_than_40_random_bits_do()
    {
        // 8 characters of a 31-letter alphabet are 31^8 = 8.5e11 codes. Among 100,000 random ones the expected number
        // of repeats is n^2 / 2N = 0.006 (the earlier "no repeat at all" failed about once in 170 runs); three or more
        // happen about once in 30 million runs of a sound generator, but at once with a weak one (a 32-bit seed, a
        // short alphabet, a biased character).
        var codes = Enumerable.Range(0, 100_000).Select(_ => ConfirmationCode.New()).ToArray();

        Assert.InRange(codes.Length - codes.Distinct().Count(), 0, 2);
    }

    [Fact]
    public void Every_letter_of_the_alphabet_is_as_likely_as_any_other()
    {
        // 800,000 letters: each of the 31 is expected 25,806 times (standard deviation about 158). A letter drawn as
        // byte % 31 without skipping the bytes above 247 would come 12 % more often for the first eight letters.
        var counts = new Dictionary<char, int>();
        for (var i = 0; i < 100_000; i++)
        {
            foreach (var c in ConfirmationCode.New().Replace("-", string.Empty, StringComparison.Ordinal))
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }

        var expected = 800_000.0 / ConfirmationCode.Alphabet.Length;
        Assert.Equal(ConfirmationCode.Alphabet.Length, counts.Count);
        Assert.All(counts, pair => Assert.InRange(pair.Value, expected * 0.97, expected * 1.03));
    }

    [Theory]
    [InlineData("abcd-efgh", "ABCD-EFGH")]
    [InlineData("ABCDEFGH", "ABCD-EFGH")]
    [InlineData(" abcd efgh ", "ABCD-EFGH")]
    public void Codes_read_aloud_or_typed_loosely_are_normalised(string input, string expected)
    {
        Assert.True(ConfirmationCode.TryNormalize(input, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCD-EFG")]
    [InlineData("ABCD-EFGHJ")]
    [InlineData("ABCD-EFG0")]
    [InlineData("ABCD-EFGI")]
    [InlineData("ABCD\u0000EFGH")]
    public void Malformed_codes_are_refused(string input)
    {
        Assert.False(ConfirmationCode.TryNormalize(input, out _));
    }
}
