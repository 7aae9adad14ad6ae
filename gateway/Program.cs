using Diplomacy.Gateway.Audit;
using Diplomacy.Gateway.Health;
using Diplomacy.Gateway.OpenApi;
using Diplomacy.Gateway.Proxy;
using Diplomacy.Gateway.Security;
using Diplomacy.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();       // telemetry (incl. Yarp.ReverseProxy), health, JSON, problem details, JWT bearer
builder.AddDownstreamServices();    // YARP: routes and clusters from the services manifest, addresses overridable by Services:<Name>
builder.AddServiceHealth();         // /health/services: each service's readiness (the gateway's own depends on none)
builder.AddAuditDoor();             // one history lookup across every service that keeps streams
builder.AddGatewayLimits();         // rate limit per API client (RateLimits:PermitsPerMinute)

var app = builder.Build();

app.UseGatewayHeadersAndBodyLimit(); // security headers on every response; 413 over Limits:MaxRequestBodyBytes
// Exception handler, status code pages, authentication, the rate limiter, the access policy of every route (before
// anything is proxied), /health/live, /health/ready.
app.UseServiceDefaults(afterAuthentication: a => a.UseRateLimiter());
app.MapServiceHealth();             // GET /health/services (anonymous, like /health/*)
app.MapOpenApiIndex();              // GET /openapi; the documents themselves are proxied routes
app.MapAuditDoor();                 // GET /api/audit/initiatives/{id} (auditor, admin)
app.MapDownstreamServices();        // /api/{service}/..., 503/504 problem details when a service cannot answer

app.Run();

public partial class Program;
