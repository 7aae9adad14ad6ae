using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Problem answers as ASP.NET Core writes them, but into pooled memory first, then sent with their length in one write,
/// as <see cref="PooledJson"/> sends a state (see there why a chunked answer can be cut off).
/// </summary>
public sealed class OneWriteProblemDetails(IProblemDetailsService framework) : IProblemDetailsService
{
    /// <summary>Wraps the framework's <see cref="IProblemDetailsService"/> that <c>AddProblemDetails</c> registered.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IProblemDetailsService));
        services.Remove(registered);
        services.AddSingleton<IProblemDetailsService>(sp => new OneWriteProblemDetails(
            (IProblemDetailsService)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        if (!await TryWriteAsync(context)) throw new InvalidOperationException("No problem details writer accepts this request.");
    }

    public async ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        if (http.Response.HasStarted) return await framework.TryWriteAsync(context);

        using var body = PooledJson.Buffers.GetStream(nameof(OneWriteProblemDetails));
        var network = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var buffered = new BufferedBody(body);
        http.Features.Set<IHttpResponseBodyFeature>(buffered);
        bool written;
        try
        {
            written = await framework.TryWriteAsync(context);
            await buffered.Writer.CompleteAsync();
        }
        finally { http.Features.Set(network); }

        if (!written) return false;
        http.Response.ContentLength = body.Length;
        foreach (var segment in body.GetReadOnlySequence()) await http.Response.Body.WriteAsync(segment, http.RequestAborted);
        return true;
    }

    /// <summary>A response body in memory. Starting it does not start the real one: its headers wait for the length.</summary>
    private sealed class BufferedBody(Stream memory) : IHttpResponseBodyFeature
    {
        public Stream Stream => memory;
        public PipeWriter Writer { get; } = PipeWriter.Create(memory, new StreamPipeWriterOptions(leaveOpen: true));
        public void DisableBuffering() { }
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("A problem answer is JSON.");
        public Task CompleteAsync() => Writer.CompleteAsync().AsTask();
    }
}
