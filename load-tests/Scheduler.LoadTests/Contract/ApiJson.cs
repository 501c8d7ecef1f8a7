using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.LoadTests.Contract;

/// <summary>
/// Source-generated (de)serialisers for the API's JSON shapes: no reflection on the hot path, web
/// defaults (camelCase, case-insensitive reads), nulls left out of request bodies.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BookingRequest))]
[JsonSerializable(typeof(RescheduleRequest))]
[JsonSerializable(typeof(CapacityRequest))]
[JsonSerializable(typeof(CapacityChangeView))]
[JsonSerializable(typeof(AppointmentView))]
[JsonSerializable(typeof(AvailabilityView))]
[JsonSerializable(typeof(List<EarliestSlot>))]
[JsonSerializable(typeof(List<OfficeView>))]
[JsonSerializable(typeof(List<ProcedureView>))]
[JsonSerializable(typeof(ProblemView))]
[JsonSerializable(typeof(OfficeProfileView))]
[JsonSerializable(typeof(RosterView))]
[JsonSerializable(typeof(AllocationRequest))]
[JsonSerializable(typeof(ReservesRequest))]
[JsonSerializable(typeof(ProgrammeRequest))]
[JsonSerializable(typeof(FilingRequest))]
[JsonSerializable(typeof(SeatRequestView))]
[JsonSerializable(typeof(BatchView))]
public sealed partial class ApiJson : JsonSerializerContext;
