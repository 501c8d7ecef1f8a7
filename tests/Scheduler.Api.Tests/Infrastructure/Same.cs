using Scheduler.Api.Models;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>Structural comparison of API records whose lists compare by reference.</summary>
public static class Same
{
    public static void Appointment(AppointmentResponse expected, AppointmentResponse actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
