namespace Scheduler.Contracts;

/// <summary>
/// Carries out one operator capacity change or closure (key: the operation id). Its record is stored before the
/// change and is the change's audit entry. Running the same id again after a failure finishes the same change;
/// after success it answers the first result and does nothing.
/// </summary>
[Alias("scheduler.IOperatorChangeGrain")]
public interface IOperatorChangeGrain : IGrainWithStringKey
{
    [Alias("Run")]
    Task<OperatorChangeOutcome> Run(OperatorChangeRequest request);
}
