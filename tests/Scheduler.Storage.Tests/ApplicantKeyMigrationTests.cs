using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Persistence;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>
/// The upgrade that re-keys applicant states by the hash of their document number, on both databases: a state under
/// an integer key (a number that reads as hexadecimal) and one under a string key move with their waitlist membership;
/// one with nothing left to carry goes.
/// </summary>
public sealed class ApplicantKeyMigrationTests
{
    private const string ServiceId = "key-migration-tests";
    private const string HashKey = "a-test-document-hash-key";

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Applicant_states_move_from_number_keys_to_hash_keys_with_their_waitlist_membership(string kind)
    {
        await using var test = await SchedulerTestDatabase.CreateAsync(kind, ServiceId);
        var database = test.Scheduler;
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        await InsertAsync(database, "waitlist", 0, "cpp-biometrics", serializer.Serialize(new LegacyWaitlistState
        {
            Entries = [Entry("W-CARLOS", "070000009"), Entry("W-PAULA", "PX765432")],
        }).ToArray());
        await InsertAsync(database, "applicant", 0x70000009L, string.Empty, serializer.Serialize(Membership("W-CARLOS")).ToArray());
        await InsertAsync(database, "applicant", 0, "PX765432", serializer.Serialize(Membership("W-PAULA")).ToArray());
        await InsertAsync(database, "applicant", 0x40000005L, string.Empty, serializer.Serialize(new ApplicantState()).ToArray());

        var (moved, dropped) = await ApplicantKeyMigration.RunAsync(database, services.GetRequiredService<Serializer>(), HashKey, NullLogger.Instance, CancellationToken.None);

        Assert.Equal((2, 1), (moved, dropped));
        var rows = await ApplicantRowsAsync(database, serializer);
        Assert.Equal(
            new[] { (DocumentHash.OfNumber("070000009", HashKey), "W-CARLOS"), (DocumentHash.OfNumber("PX765432", HashKey), "W-PAULA") }.OrderBy(r => r.Item1),
            rows.Select(r => (r.Key, r.State.WaitlistEntries.Keys.Single())).OrderBy(r => r.Item1));
        Assert.All(rows, r => Assert.Equal((0L, 0L), (r.N0, r.N1)));
        Assert.Equal((0, 0), await ApplicantKeyMigration.RunAsync(database, services.GetRequiredService<Serializer>(), HashKey, NullLogger.Instance, CancellationToken.None));
    }

    private static ApplicantState Membership(string id) => new()
    {
        Waiting = { ["CE|VE|cpp-biometrics"] = id },
        WaitlistEntries = { [id] = "cpp-biometrics" },
    };

    private static WaitlistEntry Entry(string id, string number) => new(
        id, 1, new ApplicantDetails(new ApplicantIdentity("CE", number, "VE"), "Legacy Applicant", null, null), "cpp-biometrics",
        -13.5, -71.9, 30, new DateOnly(2027, 1, 15), new DateOnly(2027, 1, 15), DateTimeOffset.UtcNow, WaitlistStatus.Waiting);

    private static async Task InsertAsync(SchedulerDatabase database, string state, long n1, string extension, byte[] payload)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version) " +
            "VALUES (0, 0, @n1, 0, @state, @extension, @service, @payload, @now, 1)",
            null, ("n1", n1), ("state", state), ("extension", extension), ("service", ServiceId), ("payload", payload),
            ("now", database.IsSqlite ? DateTimeOffset.UtcNow.ToString("O") : DateTime.UtcNow));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string Key, long N0, long N1, ApplicantState State)>> ApplicantRowsAsync(SchedulerDatabase database, OrleansGrainStorageSerializer serializer)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "SELECT GrainIdExtensionString, GrainIdN0, GrainIdN1, PayloadBinary FROM OrleansStorage WHERE ServiceId = @service AND GrainTypeString = 'applicant'",
            null, ("service", ServiceId));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, long, ApplicantState)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), serializer.Deserialize<ApplicantState>(new BinaryData((byte[])reader.GetValue(3)))!));
        }

        return rows;
    }
}
