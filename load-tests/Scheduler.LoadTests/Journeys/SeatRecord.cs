using Scheduler.LoadTests.Applicants;
using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Journeys;

/// <summary>Ledger entries for seats the bots' bookings and the batches' assignments gave.</summary>
public static class SeatRecord
{
    /// <summary>
    /// The ledger entry of <paramref name="view"/>, held by <paramref name="applicant"/>; the seat asked for
    /// fills in what the answer leaves out.
    /// </summary>
    public static LedgerEntry From(
        VirtualApplicant applicant, AppointmentView? view, string procedure, string officeId, string date, string? start, double at, string source) => new()
        {
            Code = view?.Code ?? "(no code in 2xx body)",
            DocumentType = applicant.DocumentType,
            DocumentNumber = applicant.DocumentNumber,
            Country = applicant.Country,
            FullName = applicant.FullName,
            Procedure = view?.Procedure ?? procedure,
            OfficeId = view?.OfficeId ?? officeId,
            Date = view?.Date ?? date,
            Start = view?.Start ?? start ?? "",
            BookedAtSeconds = at,
            Source = source,
        };
}
