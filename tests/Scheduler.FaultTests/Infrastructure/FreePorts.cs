using System.Net;
using System.Net.Sockets;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// Blocks of consecutive free TCP ports below the Linux ephemeral range, chosen at random, so that the tests'
/// processes never clash with a developer's cluster, another test run, or outgoing connections.
/// </summary>
public static class FreePorts
{
    private const int Low = 20_000;
    private const int High = 32_000;
    private static readonly HashSet<int> Handed = [];

    public static int Block(int count)
    {
        lock (Handed)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var first = Random.Shared.Next(Low, High - count);
                var ports = Enumerable.Range(first, count).ToArray();
                if (ports.Any(Handed.Contains) || !ports.All(IsFree))
                {
                    continue;
                }

                Handed.UnionWith(ports);
                return first;
            }
        }

        throw new InvalidOperationException($"No block of {count} free ports between {Low} and {High}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Silos listen on every address, so the port must be free on 0.0.0.0, not only on loopback.
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
