using System.Net;
using System.Net.Sockets;

namespace Orders.IntegrationTests.Fixtures;

internal static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on right now, for a server of a test's own.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
