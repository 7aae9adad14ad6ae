using System.Text;

namespace Diplomacy.Portfolio.Cities;

/// <summary>
/// The key that matches one city across services whatever its spelling: <c>&lt;iso2&gt;-&lt;normalised-name&gt;</c>, lower case
/// and URL-safe ("Bogotá", "BOGOTA" and "Bogota " in CO are all <c>co-bogota</c>). Diacritics are folded with a table
/// of their own, because the services run with invariant globalization, where <see cref="string.Normalize()"/> folds nothing.
/// A renamed city (Nur-Sultan) is mapped to its key by <see cref="CityAtlas"/>.
/// </summary>
public static class CityKey
{
    // Each accented letter of Latin-1 Supplement, Latin Extended-A and -B and Latin Extended Additional (Vietnamese)
    // with the ASCII letter it folds to, as Unicode decomposition gives it, plus the letters that have no decomposition (Ø, Đ, Ł).
    private const string Accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹØøĐđĦħıŁłĿŀŦŧƊɗ";
    private const string Folded = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYyOoDdHhiLlLlTtDd";

    private static readonly Dictionary<char, string> Ligatures = new()
    {
        ['ß'] = "ss", ['Æ'] = "ae", ['æ'] = "ae", ['Œ'] = "oe", ['œ'] = "oe", ['Þ'] = "th", ['þ'] = "th", ['Ð'] = "d", ['ð'] = "d",
    };

    /// <summary>The key of <paramref name="city"/> in <paramref name="country"/> (ISO 3166-1 alpha-2), before aliases.</summary>
    public static string Of(string country, string city) => $"{country.Trim().ToLowerInvariant()}-{Normalise(city)}";

    /// <summary>Lower-case ASCII letters and digits, every other run of characters one hyphen, none at either end.</summary>
    public static string Normalise(string name)
    {
        var text = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name)
        {
            var folded = Fold(c);
            foreach (var f in folded)
            {
                var lower = char.ToLowerInvariant(f);
                if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
                {
                    if (pendingHyphen && text.Length > 0) text.Append('-');
                    pendingHyphen = false;
                    text.Append(lower);
                }
                // Apostrophes and dots join what they sit in: "St. John's" is st-johns, "Washington, D.C." washington-dc.
                else if (lower is '\'' or '’' or '.') continue;
                else pendingHyphen = true;
            }
        }
        return text.ToString();
    }

    private static string Fold(char c)
    {
        if (c < 128) return c.ToString();
        var index = Accented.IndexOf(c);
        if (index >= 0) return Folded[index].ToString();
        return Ligatures.TryGetValue(c, out var ligature) ? ligature : " ";
    }

    /// <summary>Whether <paramref name="key"/> has the form of a city key (it may still name no known city).</summary>
    public static bool IsWellFormed(string key) =>
        key.Length is >= 4 and <= 120 && key[2] == '-' && char.IsAsciiLetterLower(key[0]) && char.IsAsciiLetterLower(key[1])
        && key.Skip(3).All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !key.EndsWith('-');
}
