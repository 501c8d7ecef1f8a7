using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>Grain storage wired the way the application wires it: ADO.NET provider, Orleans binary serializer.</summary>
public static class TestStorage
{
    /// <summary>The provider the probe grains use (clear keeps the row, as in the application).</summary>
    public const string StoreName = "store";

    /// <summary>A second provider on the same tables with <c>DeleteStateOnClear</c>, to exercise DeleteStorageKey.</summary>
    public const string DeletingStoreName = "store-deleting";

    public static ISiloBuilder AddTestGrainStorage(this ISiloBuilder silo, ITestDatabase database)
    {
        silo.AddAdoNetGrainStorage(StoreName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<Serializer>((o, serializer) => Apply(o, database, serializer, deleteOnClear: false)));
        silo.AddAdoNetGrainStorage(DeletingStoreName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<Serializer>((o, serializer) => Apply(o, database, serializer, deleteOnClear: true)));
        return silo;
    }

    private static void Apply(AdoNetGrainStorageOptions options, ITestDatabase database, Serializer serializer, bool deleteOnClear)
    {
        options.Invariant = database.Invariant;
        options.ConnectionString = database.ConnectionString;
        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        options.DeleteStateOnClear = deleteOnClear;
    }
}
