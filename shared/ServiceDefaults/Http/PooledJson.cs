using Microsoft.AspNetCore.Http;
using Microsoft.IO;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// A JSON body built in pooled memory, sent with its length and given back to the pool once written. A list page is
/// tens of kilobytes: built in a growing array, each read allocated several times that, and the fresh memory's zeroing
/// and page faults were a measurable part of a list read's CPU.
/// </summary>
public sealed class PooledJson(RecyclableMemoryStream body) : IResult
{
    /// <summary>The process's pool of buffers for JSON bodies and the stored JSON they are made from.</summary>
    public static readonly RecyclableMemoryStreamManager Buffers = new();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (body)
        {
            var response = httpContext.Response;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = body.Length;
            foreach (var segment in body.GetReadOnlySequence()) await response.Body.WriteAsync(segment, httpContext.RequestAborted);
        }
    }
}
