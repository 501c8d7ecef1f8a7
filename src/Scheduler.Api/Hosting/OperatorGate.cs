using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Scheduler.Api.Apis;

namespace Scheduler.Api.Hosting;

/// <summary>
/// Refuses anyone but an operator under <see cref="AdminApi.RoutePrefix"/> before anything looks at the request's
/// method, content type or body. Routing itself answers a wrong content type (415) or method (405) with an endpoint
/// of its own that carries no authorization, which told anonymous callers how an operator route works.
/// </summary>
public static class OperatorGate
{
    public static IApplicationBuilder UseOperatorGate(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(AdminApi.RoutePrefix, StringComparison.OrdinalIgnoreCase), admin => admin.Use(async (http, next) =>
        {
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            if ((await authorization.AuthorizeAsync(http.User, AdminApi.OperatorPolicy)).Succeeded)
            {
                await next(http);
            }
            else if (http.User.Identity?.IsAuthenticated == true)
            {
                await http.ForbidAsync();
            }
            else
            {
                await http.ChallengeAsync();
            }
        }));
}
