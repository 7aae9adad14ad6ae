using System.Net;
using System.Net.Sockets;

namespace Diplomacy.TestSupport;

/// <summary>Loopback ports the OS hands out, for processes and stand-ins that need an address before they start.</summary>
public static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct ports, closed again on return: all are held at once so the OS never hands out one
    /// twice. Nothing listens on them afterwards, which also makes each an address that refuses connections.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
