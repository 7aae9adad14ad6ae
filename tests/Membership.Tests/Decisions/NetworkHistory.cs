using Diplomacy.Membership.Networks;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>The history the network decision tests start from: WeGO, registered as it was named in 2010.</summary>
internal static class NetworkHistory
{
    public static PartialDate D(string text) => PartialDate.Parse(text);

    public static RegisterNetwork RegisterWeGo(params string[] themes) => new(
        "WeGO", "World e-Governments Organization", 2010, "Seoul", CountryCode.Parse("KR"),
        themes.Length == 0 ? ["e-government", "smart city"] : themes);

    public static readonly NetworkRegistered WeGoRegistered = new(
        "WeGO", "World e-Governments Organization", 2010, "Seoul", CountryCode.Parse("KR"), ["e-government", "smart city"]);
}
