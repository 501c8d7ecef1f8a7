namespace Scheduler.Api.Admission;

/// <summary>Marks a route behind the waiting room (the OpenAPI document then lists the <c>Admission-Token</c> header).</summary>
public sealed class AdmissionRequiredMetadata;
