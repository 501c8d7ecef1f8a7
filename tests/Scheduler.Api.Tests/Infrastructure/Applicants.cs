using Scheduler.Api.Models;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>Applicants with document numbers no other test uses (8 digits: valid for DNI, CPP, PTP and CE).</summary>
public static class Applicants
{
    private static int next = 40_000_000;

    public static ApplicantRequest Next(string documentType = "CPP", string country = "VE") =>
        new(documentType, Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture), country, "Maria Jose Perez", null, null);
}
