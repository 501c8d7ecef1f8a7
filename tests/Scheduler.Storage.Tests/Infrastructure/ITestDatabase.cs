namespace Scheduler.Storage.Tests;

/// <summary>A real, throwaway database (a temp SQLite file or a fresh PostgreSQL schema).</summary>
public interface ITestDatabase : IAsyncDisposable
{
    string Invariant { get; }

    string ConnectionString { get; }

    Task InstallSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Rows in OrleansStorage for one service and state name, whatever their key.</summary>
    Task<long> CountStorageRowsAsync(string serviceId, string stateName);
}
