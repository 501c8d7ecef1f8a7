using Scheduler.Grains.Hosting;

namespace Scheduler.Api.Admission;

/// <summary>Registers the front door's side of the waiting room.</summary>
public static class AdmissionHosting
{
    public static WebApplicationBuilder AddAdmission(this WebApplicationBuilder builder)
    {
        builder.Services.AddAdmissionOptions(builder.Configuration);
        builder.Services.AddSingleton<AdmissionGate>();
        builder.Services.AddSingleton<AdmissionStatusRefresh>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AdmissionStatusRefresh>());
        return builder;
    }
}
