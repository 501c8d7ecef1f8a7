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

    /// <summary>
    /// Days an appointment keeps its applicant's name, contact and document after it finished (its day ended, or it
    /// was cancelled); then the erasure job erases them. The booking itself stays, countable.
    /// </summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often each silo offers to run the erasure job (one silo at a time runs it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ErasureInterval { get; set; } = TimeSpan.FromHours(1);
}
