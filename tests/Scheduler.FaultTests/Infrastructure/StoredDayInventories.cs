using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Scheduler.Contracts;
using Scheduler.Grains.State;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// Reads day inventories straight from the OrleansStorage table (state name <c>dayInventory</c>, the grain key
/// in GrainIdExtensionString) and decodes the payload with the Orleans serializer the silos write it with.
/// </summary>
public static class StoredDayInventories
{
    private const string StateName = "dayInventory";

    private static readonly Lazy<Serializer> Serializer = new(() =>
        new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(DayInventoryState).Assembly).AddAssembly(typeof(Appointment).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>());

    /// <summary>The stored state of each day key that has a row (days never written are absent).</summary>
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

            if (rows.Count == 1)
            {
                found[key] = Serializer.Value.Deserialize<DayInventoryState>(rows[0]) ?? new DayInventoryState();
            }
        }

        return found;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
