using System.ComponentModel.DataAnnotations;

namespace Scheduler.Grains.Hosting;

/// <summary>How personal data is kept out of keys and rows (section <c>Scheduler:Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Scheduler:Privacy";

    /// <summary>
    /// The key of the hash that stands for a document number in stored rows (claims, outbox). Set a secret of your
    /// own in production, once: rows written under one key are not found under another.
    /// </summary>
    [Required, MinLength(16)]
    public string DocumentHashKey { get; set; } = "development-only-document-hash-key";
}
