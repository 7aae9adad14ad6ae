using Diplomacy.Gateway.Audit;
using Diplomacy.Gateway.Health;
using Diplomacy.Gateway.OpenApi;
using Diplomacy.Gateway.Proxy;
using Diplomacy.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();       // telemetry (incl. Yarp.ReverseProxy), health, JSON, problem details
builder.AddDownstreamServices();    // YARP: routes from "ReverseProxy", addresses overridable by Services:<Name>
builder.AddMembershipReadiness();   // /health/ready waits for the membership service
builder.AddAuditDoor();             // one history lookup across every service that keeps streams

var app = builder.Build();

app.UseServiceDefaults();           // exception handler, status code pages, /health/live, /health/ready
app.MapOpenApiIndex();              // GET /openapi; the documents themselves are proxied routes
app.MapAuditDoor();                 // GET /api/audit/initiatives/{id}
app.MapDownstreamServices();        // /api/{service}/..., 503/504 problem details when a service cannot answer

app.Run();

public partial class Program;
