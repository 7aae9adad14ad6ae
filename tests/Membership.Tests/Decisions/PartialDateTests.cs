using System.Text.Json;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.Membership.Tests.Decisions;

public class PartialDateTests
{
    [Theory]
    [InlineData("1968", 1968, null, null)]
    [InlineData("1996-04", 1996, 4, null)]
    [InlineData("1988-09-03", 1988, 9, 3)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    public void Parses_a_year_a_month_or_a_day_keeping_the_precision(string text, int year, int? month, int? day)
    {
        Assert.True(PartialDate.TryParse(text, out var date));

        Assert.Equal(year, date.Year);
        Assert.Equal(month, date.Month);
        Assert.Equal(day, date.Day);
        Assert.Equal(text, date.ToString());
        Assert.Equal(date, PartialDate.Parse(date.ToString()));
    }

    [Theory]
    [InlineData("1996-13")]
    [InlineData("96")]
    [InlineData("1996-4")]
    [InlineData("1996-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("")]
    [InlineData("1996-04-")]
    [InlineData("04/1996")]
    [InlineData("1996-00")]
    public void Rejects_what_is_not_a_YYYY_YYYY_MM_or_YYYY_MM_DD_date(string text)
    {
        Assert.False(PartialDate.TryParse(text, out _));
        Assert.Throws<FormatException>(() => PartialDate.Parse(text));
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(PartialDate.TryParse(null, out _));
    }

    [Fact]
    public void Dates_of_different_precision_are_different_values()
    {
        Assert.NotEqual(PartialDate.Parse("1996"), PartialDate.Parse("1996-01"));
        Assert.NotEqual(PartialDate.Parse("1996-01"), PartialDate.Parse("1996-01-01"));
        Assert.Equal(PartialDate.Of(1996, 4), PartialDate.Parse("1996-04"));
    }

    [Fact]
    public void Of_rejects_a_day_that_does_not_exist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PartialDate.Of(1996, 2, 30));
    }

    [Theory]
    [InlineData("1968", "1968-01-01", "1968-12-31")]
    [InlineData("1996-02", "1996-02-01", "1996-02-29")]
    [InlineData("1997-02", "1997-02-01", "1997-02-28")]
    [InlineData("1988-09-03", "1988-09-03", "1988-09-03")]
    public void Spans_every_day_it_can_mean(string text, string earliest, string latest)
    {
        var date = PartialDate.Parse(text);

        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), date.Earliest);
        Assert.Equal(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), date.Latest);
    }

    [Theory]
    [InlineData("1996", "1997", true)]
    [InlineData("1996-04", "1996-05", true)]
    [InlineData("1996-12-31", "1997", true)]
    [InlineData("1996-04-30", "1996-05-01", true)]
    [InlineData("1996", "1996-05", false)] // 1996 may mean a day after May 1996
    [InlineData("1996-05", "1996", false)]
    [InlineData("1996-05-31", "1996-05", false)]
    [InlineData("1996-05", "1996-05", false)]
    [InlineData("1997", "1996", false)]
    [InlineData("1996-05-01", "1996-04-30", false)]
    public void Is_certainly_before_only_when_every_day_it_can_mean_is_earlier(string first, string second, bool expected)
    {
        Assert.Equal(expected, PartialDate.Parse(first).IsCertainlyBefore(PartialDate.Parse(second)));
    }

    [Theory]
    [InlineData("1968")]
    [InlineData("1996-04")]
    [InlineData("1988-09-03")]
    public void Round_trips_through_json_as_the_same_string(string text)
    {
        var json = JsonSerializer.Serialize(PartialDate.Parse(text));

        Assert.Equal($"\"{text}\"", json);
        Assert.Equal(PartialDate.Parse(text), JsonSerializer.Deserialize<PartialDate>(json));
    }

    [Theory]
    [InlineData("\"1996-13\"")]
    [InlineData("\"96\"")]
    [InlineData("1996")]
    public void Json_rejects_what_is_not_a_partial_date_string(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PartialDate>(json));
    }
}
