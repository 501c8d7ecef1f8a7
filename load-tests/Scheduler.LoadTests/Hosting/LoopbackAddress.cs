using System.Net;

namespace Scheduler.LoadTests.Hosting;

/// <summary>Load goes only to this machine: loopback addresses and <c>localhost</c>.</summary>
public static class LoopbackAddress
{
    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
