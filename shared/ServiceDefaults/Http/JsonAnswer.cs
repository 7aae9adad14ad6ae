using Microsoft.AspNetCore.Http;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// <paramref name="value"/> answered in the API's JSON with its length (<see cref="PooledJson"/>), and readable until then
/// by an endpoint that adds to it.
/// </summary>
public sealed class JsonAnswer<T>(T value, int statusCode = StatusCodes.Status200OK) : IResult
{
    public T Value => value;
    public int StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext) => PooledJson.Of(value, statusCode).ExecuteAsync(httpContext);
}
