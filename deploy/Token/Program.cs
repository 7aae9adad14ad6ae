// Prints a bearer token for local use. Usage (normally through deploy/token.sh):
//   dotnet Token.dll (--authority <url> --secret-file <path> | --key-file <path>)
//                    --role <viewer|editor|auditor|admin> [--department <code>] [--client <name>] [--user <name>] [--minutes N]
// With --authority it asks the local OpenID Connect provider (deploy/Identity) for a client-credentials token of the
// tool client --client; with --key-file it signs one with the development key (platforms without the provider).
using Diplomacy.Token;

string? keyFile = null, authority = null, secretFile = null, role = null, department = null, client = "cli", user = Environment.UserName;
var minutes = 60;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--key-file" when value is not null: keyFile = value; i++; break;
        case "--authority" when value is not null: authority = value; i++; break;
        case "--secret-file" when value is not null: secretFile = value; i++; break;
        case "--role" when value is not null: role = value; i++; break;
        case "--department" when value is not null: department = value; i++; break;
        case "--client" when value is not null: client = value; i++; break;
        case "--user" when value is not null: user = value; i++; break;
        case "--minutes" when int.TryParse(value, out var m) && m > 0: minutes = m; i++; break;
        default:
            return Usage($"unexpected argument: {args[i]}");
    }
}
string[] roles = ["viewer", "editor", "auditor", "admin"];
if (role is null || !roles.Contains(role)) return Usage($"--role must be one of {string.Join(", ", roles)}");
if (role == "editor" && string.IsNullOrWhiteSpace(department)) return Usage("an editor needs --department");

if (authority is not null)
{
    if (secretFile is null || !File.Exists(secretFile)) return Usage("--secret-file must name the provider's tool secret");
    var request = new ToolTokenRequest(client, File.ReadAllText(secretFile).Trim(), role, department, user, minutes);
    var (token, error) = await ProviderToken.RequestAsync(new Uri(authority), request);
    if (token is null) return Usage($"the provider at {authority} refused: {error}");
    Console.WriteLine(token);
    return 0;
}

if (keyFile is null || !File.Exists(keyFile)) return Usage("--key-file must name the development key file");
Console.WriteLine(Diplomacy.ServiceDefaults.Security.DevelopmentTokens.Mint(File.ReadAllText(keyFile).Trim(), user, role, department, client, TimeSpan.FromMinutes(minutes)));
return 0;

static int Usage(string error)
{
    Console.Error.WriteLine($"token: {error}");
    Console.Error.WriteLine("usage: token.sh --role <viewer|editor|auditor|admin> [--department <code>] [--client <name>] [--user <name>] [--minutes N]");
    return 2;
}
