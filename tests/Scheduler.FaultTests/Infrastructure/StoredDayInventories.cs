using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Scheduler.Contracts;
using Scheduler.Grains.State;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// Reads day inventories straight from the database as a day rebuilds itself: the snapshot in the OrleansStorage
/// table (state name <c>dayInventory</c>, the grain key in GrainIdExtensionString) plus the seat-journal rows after
/// it, decoded with the Orleans serializer the silos write them with.
/// </summary>
public static class StoredDayInventories
{
    private const string StateName = "dayInventory";

    private static readonly Lazy<Serializer> Serializer = new(() =>
        new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(DayInventoryState).Assembly).AddAssembly(typeof(Appointment).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>());

    /// <summary>The stored state of each day key that has a snapshot or journal rows (days never written are absent).</summary>
    public static async Task<IReadOnlyDictionary<string, DayInventoryState>> ReadAsync(
        DbConnection connection, string serviceId, IEnumerable<string> dayKeys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, DayInventoryState>(StringComparer.Ordinal);
        foreach (var key in dayKeys.Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT PayloadBinary FROM OrleansStorage WHERE ServiceId = @service AND GrainTypeString = @type AND GrainIdExtensionString = @key";
            Add(command, "service", serviceId);
            Add(command, "type", StateName);
            Add(command, "key", key);
            var rows = new List<byte[]>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (!await reader.IsDBNullAsync(0, cancellationToken))
                    {
                        rows.Add((byte[])reader.GetValue(0));
                    }
                }
            }

            if (rows.Count > 1)
            {
                throw new InvalidOperationException($"{rows.Count} stored rows for the day inventory {key}: a grain's state must be one row.");
            }

            var snapshot = rows.Count == 1 ? Serializer.Value.Deserialize<DayInventoryState>(rows[0]) ?? new DayInventoryState() : null;
            var journal = await JournalAsync(connection, serviceId, key, snapshot?.JournalSequence ?? 0, cancellationToken);
            if (snapshot is null && journal.Count == 0)
            {
                continue;
            }

            var appointments = (snapshot?.Unpack(Serializer.Value) ?? []).ToDictionary(a => a.Code, StringComparer.Ordinal);
            foreach (var appointment in journal)
            {
                appointments[appointment.Code] = appointment;
            }

            found[key] = new DayInventoryState { Appointments = [.. appointments.Values], JournalSequence = snapshot?.JournalSequence ?? 0 };
        }

        return found;
    }

    private static async Task<List<Appointment>> JournalAsync(DbConnection connection, string serviceId, string key, long after, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM scheduler_seat_journal WHERE service_id = @service AND day_key = @key AND seq > @after ORDER BY seq";
        Add(command, "service", serviceId);
        Add(command, "key", key);
        Add(command, "after", after);
        var records = new List<Appointment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var payload = (byte[])reader.GetValue(0);
            if (payload.Length > 0)
            {
                records.Add(Serializer.Value.Deserialize<Appointment>(payload)!);
            }
        }

        return records;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
