namespace Scheduler.Storage;

/// <summary>What an <see cref="AdmissionWrite"/> does to its ticket's row.</summary>
public enum AdmissionWriteKind
{
    Join,
    Admit,
    Spend,
    Return,
}
