using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>
/// A place in a procedure's waiting room. When the answer was a 428 <c>proof-of-work-required</c>, send the same
/// request again with its <c>challenge</c> and an <c>answer</c>: a string whose SHA-256 of <c>challenge:answer</c>
/// (UTF-8) starts with <c>difficulty</c> zero bits.
/// </summary>
public sealed record AdmissionRequest([property: Required] string? Procedure, string? Challenge, string? Answer);
