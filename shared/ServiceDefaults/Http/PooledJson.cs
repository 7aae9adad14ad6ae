using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IO;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// A JSON body built in pooled memory, sent with its length and given back to the pool once written. A list page is
/// tens of kilobytes: built in a growing array, each read allocated several times that, and the fresh memory's zeroing
/// and page faults were a measurable part of a list read's CPU.
/// A body sent with its length also leaves in one write. A chunked answer ends with a second write, and a service killed
/// between the two leaves the gateway a started answer it can only cut off: the caller gets no answer at all.
/// </summary>
public sealed class PooledJson(RecyclableMemoryStream body, int statusCode = StatusCodes.Status200OK) : IResult
{
    /// <summary>The process's pool of buffers for JSON bodies and the stored JSON they are made from.</summary>
    public static readonly RecyclableMemoryStreamManager Buffers = new();

    /// <summary><paramref name="value"/> in the API's JSON, answered with <paramref name="status"/>.</summary>
    public static PooledJson Of<T>(T value, int status = StatusCodes.Status200OK)
    {
        var body = Buffers.GetStream(nameof(Of));
        try
        {
            using (var writer = new Utf8JsonWriter((IBufferWriter<byte>)body, new JsonWriterOptions { Encoder = JsonDefaults.Api.Encoder }))
                JsonSerializer.Serialize(writer, value, JsonDefaults.Api);
            return new PooledJson(body, status);
        }
        catch
        {
            // Back to the pool when the value cannot be written.
            body.Dispose();
            throw;
        }
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (body)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = body.Length;
            foreach (var segment in body.GetReadOnlySequence()) await response.Body.WriteAsync(segment, httpContext.RequestAborted);
        }
    }
}
