using System.Net.Http.Json;
using Diplomacy.TestSupport;

namespace Diplomacy.Membership.Tests.Service;

/// <summary>The Membership service in-process, on its own database and virtual host of the real servers.</summary>
public class MembershipServiceFactory : ServiceFactory<Program>
{
    public async Task<(Uri Location, string ETag)> ProposeAsync(HttpClient client, string city, string tie = "sister")
    {
        var response = await client.PostAsJsonAsync("/api/membership/partner-cities",
            new { city, country = "VN", jurisdiction = "city", tie, proposedOn = "1996" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (response.Headers.Location!, response.Headers.ETag!.Tag);
    }
}
