using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Connections.Security;
using Orleans.Runtime;
using Scheduler.Grains.Hosting;

namespace Scheduler.Grains.Tests;

/// <summary>
/// Silos and clients configured with the cluster certificate (<see cref="ClusterTls"/>) talk TLS over real sockets: two
/// such silos form one cluster and a client with the certificate calls it; a process with another certificate is
/// refused.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scheduler-tls-").FullName;

    [Fact]
    public async Task Two_silos_with_the_cluster_certificate_form_one_cluster_and_a_client_with_it_is_served()
    {
        var certificate = ClusterTls.Load(new TlsSettings { CertificatePath = WriteCertificate("cluster", "secret"), CertificatePassword = "secret" })!;
        var (primaryPort, primaryGateway) = (FreePort(), FreePort());
        var serviceId = "tls-" + Guid.NewGuid().ToString("N");
        using var primary = await StartSiloAsync(certificate, serviceId, primaryPort, primaryGateway, primaryPort);
        using var secondary = await StartSiloAsync(certificate, serviceId, FreePort(), FreePort(), primaryPort);
        using var client = await StartClientAsync(certificate, serviceId, primaryGateway);

        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        await EventuallyAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "both silos active");
        Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count);
    }

    [Fact]
    public async Task A_client_or_a_silo_with_another_certificate_is_refused()
    {
        var certificate = ClusterTls.Load(new TlsSettings { CertificatePath = WriteCertificate("cluster", null) })!;
        var stranger = ClusterTls.Load(new TlsSettings { CertificatePath = WriteCertificate("stranger", null) })!;
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var serviceId = "tls-" + Guid.NewGuid().ToString("N");
        using var silo = await StartSiloAsync(certificate, serviceId, siloPort, gatewayPort, siloPort);

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var client = await StartClientAsync(stranger, serviceId, gatewayPort);
            await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts();
        });
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var intruder = await StartSiloAsync(stranger, serviceId, FreePort(), FreePort(), siloPort, TimeSpan.FromSeconds(20));
        });
        using var member = await StartClientAsync(certificate, serviceId, gatewayPort);
        Assert.Single(await member.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static async Task<IHost> StartSiloAsync(X509Certificate2 certificate, string serviceId, int siloPort, int gatewayPort, int primaryPort, TimeSpan? startWithin = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), serviceId, "tls");
            silo.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(startWithin ?? TimeSpan.FromSeconds(60));
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    private static async Task<IHost> StartClientAsync(X509Certificate2 certificate, string serviceId, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort, serviceId, "tls");
            client.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>A self-signed certificate for server and client authentication, written as a .pfx file.</summary>
    private string WriteCertificate(string name, string? password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=scheduler-{name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within 30 s: {what}");
            await Task.Delay(200);
        }
    }
}
