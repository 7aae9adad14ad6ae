using System.Net;
using System.Net.Sockets;

namespace Diplomacy.TestSupport;

/// <summary>Loopback ports the OS hands out, for processes and stand-ins that need an address before they start.</summary>
public static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct ports, closed again on return: all are held at once so the OS never hands out one
    /// twice. Once returned, the OS may hand one out again (to a server on port 0), so it is no lasting "closed" address:
    /// Gateway.Tests' <c>Downstream.ClosedAddress</c> holds its port instead.
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
