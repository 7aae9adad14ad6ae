using System.Text.Json.Nodes;
using Diplomacy.ServiceDefaults.Http.OpenApi;
using Yarp.ReverseProxy.Transforms;

namespace Diplomacy.Gateway.OpenApi;

/// <summary>
/// A service names its server only as "/" (it cannot know the gateway's address); the gateway, serving the document,
/// names itself there with the address the caller used, so a generated client calls the gateway.
/// </summary>
public static class OpenApiServers
{
    public static IReverseProxyBuilder AddOpenApiServers(this IReverseProxyBuilder proxy) =>
        proxy.AddTransforms(context =>
        {
            if (!OpenApiIndex.IsDocumentRoute(context.Route)) return;
            context.AddResponseTransform(async transform =>
            {
                if (transform.ProxyResponse is not { IsSuccessStatusCode: true } response) return;
                var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(transform.HttpContext.RequestAborted));
                if (document is not JsonObject root) return;

                var request = transform.HttpContext.Request;
                root["servers"] = new JsonArray(new JsonObject
                {
                    ["url"] = $"{request.Scheme}://{request.Host}{request.PathBase}",
                    ["description"] = SecurityAndServers.GatewayServerDescription,
                });
                transform.SuppressResponseBody = true;
                var http = transform.HttpContext.Response;
                http.ContentLength = null;
                http.ContentType = "application/json; charset=utf-8";
                await http.WriteAsync(root.ToJsonString(), transform.HttpContext.RequestAborted);
            });
        });
}
