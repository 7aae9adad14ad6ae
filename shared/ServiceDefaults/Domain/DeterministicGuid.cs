using System.Security.Cryptography;
using System.Text;

namespace Diplomacy.ServiceDefaults.Domain;

/// <summary>
/// A name-based UUID (RFC 9562 version 5): the same name always gives the same id. Used where one stream
/// per thing must be guaranteed by the database itself, such as one membership per network.
/// </summary>
public static class DeterministicGuid
{
    public static Guid Create(string @namespace, string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"{@namespace}:{name}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
