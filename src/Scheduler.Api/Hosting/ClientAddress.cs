namespace Scheduler.Api.Hosting;

/// <summary>The address a request counts against: the connection's, or the client's a trusted proxy named (forwarded headers run first).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
