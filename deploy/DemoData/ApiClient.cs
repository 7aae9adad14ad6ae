using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplomacy.DemoData;

/// <summary>What a POST answered: the body (the new state, with its <c>id</c>), Location and ETag.</summary>
public sealed record ApiResponse(JsonElement Body, Uri? Location, string? ETag)
{
    /// <summary>The id of the stream, from the body or else the last segment of Location.</summary>
    public Guid Id => Body.TryGetProperty("id", out var id) && id.TryGetGuid(out var guid) ? guid
        : Guid.TryParse(Location?.OriginalString.Split('/').Last(), out guid) ? guid
        : throw new ApiException("The API answered without an id (neither in the body nor in Location).");
}

/// <summary>The API answered, but not with what the loader expected: the message holds the problem details body.</summary>
public sealed class ApiException(string message) : Exception(message);

/// <summary>Nothing answered at the gateway address.</summary>
public sealed class GatewayUnreachableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The HTTP API as the loaders use it: POST a command as JSON (camelCase, enums as camelCase strings),
/// with If-Match when the caller knows the version; GET every page of a list.
/// </summary>
public sealed class ApiClient : IDisposable
{
    /// <summary>The API's own maximum page size.</summary>
    private const int PageSize = 200;

    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly HttpClient _http;

    public ApiClient(Uri gateway, string? bearerToken)
    {
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrWhiteSpace(bearerToken))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
    }

    /// <summary>The ETag of a state read from a list (whose items carry their <c>version</c>).</summary>
    public static string? ETagOf(JsonElement state) =>
        state.TryGetProperty("version", out var version) && version.TryGetInt64(out var v)
            ? $"\"{v.ToString(CultureInfo.InvariantCulture)}\""
            : null;

    /// <summary>POSTs <paramref name="body"/>; any status but 2xx is an <see cref="ApiException"/>.</summary>
    public async Task<ApiResponse> PostAsync(string path, object body, string? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await SendAsync(request, ct);
        var json = await ReadBodyAsync(request, response, ct);
        return new ApiResponse(json, response.Headers.Location, response.Headers.ETag?.ToString());
    }

    /// <summary>Every item of a paged list (<c>{items, pageNumber, pageSize, totalItems}</c>).</summary>
    public async Task<IReadOnlyList<JsonElement>> ListAsync(string path, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}{separator}page={page}&pageSize={PageSize}");
            using var response = await SendAsync(request, ct);
            var json = await ReadBodyAsync(request, response, ct);
            if (!json.TryGetProperty("items", out var pageItems) || pageItems.ValueKind != JsonValueKind.Array
                || !json.TryGetProperty("totalItems", out var total))
                throw new ApiException($"GET {request.RequestUri} did not answer with a list: {json}");
            items.AddRange(pageItems.EnumerateArray());
            if (pageItems.GetArrayLength() == 0 || items.Count >= total.GetInt64()) return items;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new GatewayUnreachableException($"Cannot reach {_http.BaseAddress}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new GatewayUnreachableException($"{_http.BaseAddress} did not answer {request.Method} {request.RequestUri} within {_http.Timeout.TotalSeconds:0} s.", e);
        }
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new ApiException(
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}"
                + (text.Length > 0 ? $"{Environment.NewLine}{text}" : " (no body)"));
        try
        {
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ApiException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} with a body that is not JSON ({e.Message}): {text}");
        }
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }
}
