using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Contracts;
using Scheduler.Storage;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// Takes people off a waitlist once they booked the same procedure by hand. A booking made at the front door's
/// <see cref="BookingDesk"/> never passes through the person's applicant grain (where waitlist membership lives), so
/// each day hands this silo-wide service the owner of every claim it opened by hand, once its row has committed. The
/// service gathers them and asks the table of waiting entries' owners once per batch; only the few who wait get an
/// applicant call (which leaves the entry, as a booking through the applicant grain always did). Off the booking's
/// path: the answer to the booking never waits for it, and a person leaves within a batch (milliseconds).
/// <para>
/// If a batch fails (database unreachable) or the queue is full, the entry is not lost: the waitlist finds the booking
/// when it next offers that person a seat ("already booked") and finishes the entry then.
/// </para>
/// </summary>
public sealed class WaitlistLeaver(IGrainFactory grains, WaitlistStore store, ILogger<WaitlistLeaver> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private readonly Channel<(string DocumentKey, string Procedure)> booked =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(200_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>A claim opened by hand committed: if its owner waits for <paramref name="procedure"/>, they leave.</summary>
    public void BookedByHand(string documentKey, string procedure) => booked.Writer.TryWrite((documentKey, procedure));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(string DocumentKey, string Procedure)>(BatchSize);
        while (await booked.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < BatchSize && booked.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await LeaveAsync(batch, stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogWarning(failure, "Could not check {Count} bookings made by hand against the waitlist; their entries finish when next offered a seat", batch.Count);
            }
        }
    }

    private async Task LeaveAsync(List<(string DocumentKey, string Procedure)> batch, CancellationToken cancellationToken)
    {
        var waiting = await store.WaitingOfAsync(batch.Select(b => b.DocumentKey).ToArray(), cancellationToken);
        if (waiting.Count == 0)
        {
            return;
        }

        var bookedFor = batch.ToHashSet();
        await Task.WhenAll(waiting
            .Where(w => bookedFor.Contains((w.DocumentKey, w.Procedure)))
            .Select(w => grains.GetGrain<IApplicantGrain>(w.DocumentKey).LeaveWaitlistBookedByHand(w.EntryId)));
    }
}
