using Microsoft.Extensions.Options;
using Scheduler.Api.Hosting;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;

namespace Scheduler.Api.Admission;

/// <summary>
/// Every <see cref="AdmissionOptions.StatusRefresh"/>, reports each procedure's bookings seen here to its coordinator
/// and keeps the status it answers, so whether admission is on is known without a grain call per booking. A front door
/// so lags a switch by at most one period.
/// </summary>
public sealed class AdmissionStatusRefresh(
    AdmissionGate gate, IGrainFactory grains, OfficeDirectory directory, IOptions<AdmissionOptions> options, ILogger<AdmissionStatusRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StatusRefresh);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The cluster is starting or a silo is being replaced: the last statuses stand until the next period.
                logger.LogDebug(failure, "Admission status refresh failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One refresh (tests call it to see a switch at once).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var procedures = await directory.ProceduresAsync(cancellationToken);
        await Task.WhenAll(procedures.Select(async p =>
            gate.Update(await grains.GetGrain<IAdmissionQueueGrain>(p.Id).Report(gate.TakeTraffic(p.Id)))));
        gate.Sweep();
    }
}
