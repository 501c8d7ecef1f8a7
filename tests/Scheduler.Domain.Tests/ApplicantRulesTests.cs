using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

public class ApplicantRulesTests
{
    [Fact]
    public void The_same_document_written_differently_is_one_identity()
    {
        var a = ApplicantRules.Identity("cedula", "v-12.345.678", "ve");
        var b = ApplicantRules.Identity("CEDULA", "V12345678", "VE");

        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("DNI", "1234567A")]
    [InlineData("DNI", "1234567")]
    [InlineData("CE", "12AB5678")]
    [InlineData("PASSPORT", "AB1")]
    [InlineData("CEDULA", "X1234567")]
    public void Numbers_that_do_not_fit_their_document_type_are_refused(string type, string number)
    {
        Assert.NotNull(ApplicantRules.CheckDocumentNumber(type, ApplicantRules.NormalizeDocumentNumber(number)));
    }

    [Theory]
    [InlineData("DNI", "12345678")]
    [InlineData("CE", "001234567")]
    [InlineData("PASSPORT", "p1234567")]
    [InlineData("CEDULA", "V-12.345.678")]
    public void Well_formed_numbers_are_accepted(string type, string number)
    {
        Assert.Null(ApplicantRules.CheckDocumentNumber(type, ApplicantRules.NormalizeDocumentNumber(number)));
    }
}
