using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// TLS between silos, and between front doors and silo gateways, when <see cref="TlsSettings.CertificatePath"/> is set:
/// every member of the cluster holds the same certificate (with its private key), presents it, and accepts a peer only
/// if it presents that certificate too (compared by its SHA-256 hash), so a process without the cluster's key can
/// neither join nor call grains, and nothing between the hosts reads the traffic.
/// </summary>
public static class ClusterTls
{
    /// <summary>The cluster certificate, or null when TLS is not configured. Throws naming the setting when it cannot be read.</summary>
    public static X509Certificate2? Load(TlsSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, string.IsNullOrEmpty(settings.CertificatePassword) ? null : settings.CertificatePassword);
        }
        catch (Exception failure) when (failure is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Scheduler:Tls:CertificatePath '{settings.CertificatePath}' cannot be read as a PKCS#12 certificate with Scheduler:Tls:CertificatePassword: {failure.Message}", failure);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"Scheduler:Tls:CertificatePath '{settings.CertificatePath}' holds no private key; a cluster member must be able to present it.");
    }

    /// <summary>Both ends present <paramref name="certificate"/> and accept only a peer presenting it.</summary>
    public static void Configure(TlsOptions options, X509Certificate2 certificate)
    {
        var pinned = certificate.GetCertHash(HashAlgorithmName.SHA256);
        options.LocalCertificate = certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The certificate is the cluster's own (often self-signed, naming no host): trust is this exact certificate,
        // not a chain or a host name.
        options.RemoteCertificateValidation = (remote, _, _) => CryptographicOperations.FixedTimeEquals(remote.GetCertHash(HashAlgorithmName.SHA256), pinned);
    }
}
