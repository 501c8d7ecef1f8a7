using System.ComponentModel.DataAnnotations;
using Scheduler.Storage;

namespace Scheduler.Grains.Hosting;

/// <summary>Where the scheduler keeps its state and how silos find each other (section <c>Scheduler</c>).</summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    /// <summary>Part of every storage key: set it once and never change it.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,100}$")]
    public string ServiceId { get; set; } = "migraciones-scheduler";

    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,100}$")]
    public string ClusterId { get; set; } = "scheduler";

    public StorageSettings Storage { get; set; } = new();

    public ClusteringSettings Clustering { get; set; } = new();

    public SiloSettings Silo { get; set; } = new();

    public TlsSettings Tls { get; set; } = new();

    /// <summary>The connection string clustering uses: its own, or the storage one when both are PostgreSQL.</summary>
    public string? ClusteringConnectionString =>
        string.IsNullOrWhiteSpace(Clustering.ConnectionString) && Storage.Provider == StorageProvider.PostgreSql
            ? Storage.ConnectionString
            : Clustering.ConnectionString;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Storage.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(Storage.ConnectionString))
        {
            yield return new ValidationResult(
                "Scheduler:Storage:ConnectionString is required when Scheduler:Storage:Provider is PostgreSql.",
                ["Storage.ConnectionString"]);
        }

        if (Clustering.Provider == ClusteringProvider.AdoNet && string.IsNullOrWhiteSpace(ClusteringConnectionString))
        {
            yield return new ValidationResult(
                "Scheduler:Clustering:Provider AdoNet needs a PostgreSQL connection string: set Scheduler:Clustering:ConnectionString (or use PostgreSql storage).",
                ["Clustering.ConnectionString"]);
        }

        if (Silo.SiloPort is < 1 or > 65535 || Silo.GatewayPort is < 1 or > 65535 || Silo.SiloPort == Silo.GatewayPort)
        {
            yield return new ValidationResult("Scheduler:Silo:SiloPort and GatewayPort must be distinct ports in 1-65535.", ["Silo"]);
        }

        if (!string.IsNullOrWhiteSpace(Silo.ListenAddress) && !System.Net.IPAddress.TryParse(Silo.ListenAddress, out _))
        {
            yield return new ValidationResult("Scheduler:Silo:ListenAddress must be an IP address (empty: the advertised address).", ["Silo.ListenAddress"]);
        }

        if (!string.IsNullOrWhiteSpace(Tls.CertificatePath) && !File.Exists(Tls.CertificatePath))
        {
            yield return new ValidationResult($"Scheduler:Tls:CertificatePath '{Tls.CertificatePath}' does not exist.", ["Tls.CertificatePath"]);
        }
    }
}

/// <summary>How silos find each other.</summary>
public enum ClusteringProvider
{
    /// <summary>One silo on this machine.</summary>
    Localhost,

    /// <summary>Orleans ADO.NET membership on PostgreSQL.</summary>
    AdoNet,
}

public sealed class ClusteringSettings
{
    public ClusteringProvider Provider { get; set; } = ClusteringProvider.Localhost;

    public string? ConnectionString { get; set; }
}

public sealed class SiloSettings
{
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and clients use to reach this one; empty means this host's first IPv4 address.</summary>
    public string? AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Where the silo and gateway ports listen (AdoNet clustering); empty means the advertised address, i.e. the cluster
    /// network only. <c>0.0.0.0</c> listens on every interface (behind a NAT that advertises another address).
    /// </summary>
    public string? ListenAddress { get; set; }
}

/// <summary>TLS between cluster members (section <c>Scheduler:Tls</c>): see <see cref="ClusterTls"/>.</summary>
public sealed class TlsSettings
{
    /// <summary>A PKCS#12 (.pfx) file with the cluster's certificate and private key; empty means no TLS.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
