using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// What a department's developer does with the Membership document: generate a C# client with NSwag, compile it, and
/// run a sister tie from proposal to signature with it, through the gateway the document names as its server.
/// </summary>
[Collection("platform")]
public sealed class NSwagClientPlatformTests(PlatformFixture platform)
{
    private const string Namespace = "Generated.Membership";

    [Fact]
    public async Task A_client_generated_from_the_membership_document_drives_a_tie_from_proposal_to_signature()
    {
        using var anonymous = platform.GatewayAs(null);
        var json = await anonymous.GetStringAsync("/openapi/membership.json");
        var client = Compile(await GenerateAsync(json));

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.Tokens.Mint("editor", "international-relations"));
        var membership = new GeneratedClient(client, http);
        // No address given: the client calls the server the document names, which is the gateway.
        Assert.Equal(platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority), membership.BaseUrl.TrimEnd('/'));

        var proposed = await membership.CallAsync("ProposeTieAsync", null, null, membership.Body("ProposeTie", new()
        {
            ["City"] = "Hanoi", ["Country"] = "VN", ["Jurisdiction"] = "city", ["Tie"] = "sister", ["ProposedOn"] = "1996",
        }));
        Assert.Equal(201, proposed.Status);
        Assert.Equal("\"1\"", proposed.ETag);
        var id = (Guid)proposed.Property("Id")!;

        var approved = await membership.CallAsync("GrantCouncilApprovalAsync", id, proposed.ETag,
            membership.Body("GrantCouncilApproval", new() { ["ApprovedOn"] = "1996-04" }));
        Assert.Equal((200, "\"2\""), (approved.Status, approved.ETag));

        // The document's 412 is what the generated client reports for a stale If-Match.
        var stale = await Assert.ThrowsAnyAsync<Exception>(() => membership.CallAsync("SignAgreementAsync", id, proposed.ETag,
            membership.Body("SignAgreement", new() { ["SignedOn"] = "1996-05" })));
        Assert.Equal((int)HttpStatusCode.PreconditionFailed, (int)stale.GetType().GetProperty("StatusCode")!.GetValue(stale)!);

        var signed = await membership.CallAsync("SignAgreementAsync", id, approved.ETag,
            membership.Body("SignAgreement", new() { ["SignedOn"] = "1996-05" }));
        Assert.Equal((200, "\"3\""), (signed.Status, signed.ETag));
        Assert.Equal("Active", signed.Property("Status")!.ToString());

        var read = await membership.CallAsync("GetPartnerCityAsync", id, null, null);
        Assert.Equal("\"3\"", read.ETag);
        Assert.Equal(("Hanoi", "1996-05"), ((string?)read.Property("City"), (string?)read.Property("AgreementSignedOn")));
    }

    private static async Task<string> GenerateAsync(string json)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "MembershipClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            WrapResponses = true,
            GenerateClientInterfaces = false,
        };
        settings.CSharpGeneratorSettings.Namespace = Namespace;
        settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    private static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("MembershipClient",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, $"The generated client does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        return Assembly.Load(image.ToArray());
    }

    /// <summary>The compiled client, called by reflection: its types exist only at run time.</summary>
    private sealed class GeneratedClient(Assembly assembly, HttpClient http)
    {
        private readonly object _client = Activator.CreateInstance(assembly.GetType($"{Namespace}.MembershipClient", throwOnError: true)!, http)!;

        public string BaseUrl => (string)_client.GetType().GetProperty("BaseUrl")!.GetValue(_client)!;

        /// <summary>A request body of the generated type <paramref name="type"/>; enum values are given by their JSON name.</summary>
        public object Body(string type, Dictionary<string, string> values)
        {
            var body = Activator.CreateInstance(assembly.GetType($"{Namespace}.{type}", throwOnError: true)!)!;
            foreach (var (name, value) in values)
            {
                var property = body.GetType().GetProperty(name) ?? throw new InvalidOperationException($"{type} has no property {name}.");
                property.SetValue(body, property.PropertyType.IsEnum ? Enum.Parse(property.PropertyType, value, ignoreCase: true) : value);
            }
            return body;
        }

        /// <summary>Calls an operation, passing the stream id, If-Match and the body to the parameters that take them.</summary>
        public async Task<Answer> CallAsync(string method, Guid? id, string? ifMatch, object? body)
        {
            var operation = _client.GetType().GetMethods().Single(m => m.Name == method && m.GetParameters().All(p => p.ParameterType != typeof(CancellationToken)));
            var arguments = operation.GetParameters().Select(parameter => parameter switch
            {
                { ParameterType: var t } when t == typeof(Guid) => id,
                { Name: var n } when n!.Contains("match", StringComparison.OrdinalIgnoreCase) => ifMatch,
                { ParameterType: var t } when body is not null && t == body.GetType() => body,
                _ => parameter.HasDefaultValue ? parameter.DefaultValue : null,
            }).ToArray();
            var task = (Task)operation.Invoke(_client, arguments)!;
            await task; // an error answer throws the generated ApiException, with its StatusCode
            return new Answer(task.GetType().GetProperty("Result")!.GetValue(task)!);
        }
    }

    /// <summary>A wrapped answer of the generated client (NSwag's SwaggerResponse): status, headers, result.</summary>
    private sealed record Answer(object Response)
    {
        public int Status => (int)Response.GetType().GetProperty("StatusCode")!.GetValue(Response)!;

        public string? ETag => ((IReadOnlyDictionary<string, IEnumerable<string>>)Response.GetType().GetProperty("Headers")!.GetValue(Response)!)
            .FirstOrDefault(h => string.Equals(h.Key, "ETag", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

        public object? Property(string name)
        {
            var result = Response.GetType().GetProperty("Result")!.GetValue(Response)!;
            return result.GetType().GetProperty(name)!.GetValue(result);
        }
    }
}
