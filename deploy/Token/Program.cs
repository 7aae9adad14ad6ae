// Prints a JWT signed with the local development key. Usage (normally through deploy/token.sh):
//   dotnet Token.dll --key-file <path> --role <viewer|editor|auditor|admin> [--department <code>] [--client <name>]
//                    [--user <name>] [--minutes N]
using Diplomacy.ServiceDefaults.Security;

string? keyFile = null, role = null, department = null, client = "cli", user = Environment.UserName;
var minutes = 60;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--key-file" when value is not null: keyFile = value; i++; break;
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
if (keyFile is null || !File.Exists(keyFile)) return Usage("--key-file must name the development key file");
if (role is null || !roles.Contains(role)) return Usage($"--role must be one of {string.Join(", ", roles)}");
if (role == "editor" && string.IsNullOrWhiteSpace(department)) return Usage("an editor needs --department");

Console.WriteLine(DevelopmentTokens.Mint(File.ReadAllText(keyFile).Trim(), user, role, department, client, TimeSpan.FromMinutes(minutes)));
return 0;

static int Usage(string error)
{
    Console.Error.WriteLine($"token: {error}");
    Console.Error.WriteLine("usage: token.sh --role <viewer|editor|auditor|admin> [--department <code>] [--client <name>] [--user <name>] [--minutes N]");
    return 2;
}
