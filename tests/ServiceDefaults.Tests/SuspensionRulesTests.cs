using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>The suspension rules every service that suspends shares, and how long a suspension has lasted.</summary>
public sealed class SuspensionRulesTests
{
    private static PartialDate D(string text) => PartialDate.Parse(text);

    [Fact]
    public void Suspending_twice_is_refused_with_the_date_it_began()
    {
        SuspensionRules.RequireNotYetSuspended(false, "exchange", null);

        var refused = Assert.Throws<RuleViolation>(() => SuspensionRules.RequireNotYetSuspended(true, "exchange", D("2013-05")));
        Assert.Equal("The exchange is already suspended (since 2013-05).", refused.Message);
    }

    [Fact]
    public void Only_what_is_suspended_resumes()
    {
        var refused = Assert.Throws<RuleViolation>(() => SuspensionRules.RequireResumable(false, "tie", null, D("2002")));
        Assert.Equal("Only a suspended tie can be resumed.", refused.Message);
    }

    [Theory]
    [InlineData("2013-05")]
    [InlineData("2013")]
    [InlineData("2013-05-31")]
    [InlineData("2014")]
    public void A_resumption_that_may_fall_on_or_after_the_suspension_is_allowed(string resumedOn) =>
        SuspensionRules.RequireResumable(true, "project", D("2013-05"), D(resumedOn));

    [Theory]
    [InlineData("2013-04")]
    [InlineData("2012")]
    [InlineData("2013-04-30")]
    public void A_resumption_certainly_before_the_suspension_is_refused(string resumedOn)
    {
        var refused = Assert.Throws<RuleViolation>(() => SuspensionRules.RequireResumable(true, "project", D("2013-05"), D(resumedOn)));
        Assert.Equal("The project cannot resume before it was suspended (2013-05).", refused.Message);
    }

    [Fact]
    public void Other_work_while_suspended_is_refused_saying_since_when_why_and_what_to_do()
    {
        SuspensionRules.RequireNotSuspended(false, "program", null);

        Assert.Equal("The program is suspended since 2019-02 (sanctions); nothing can be delivered until it resumes.",
            Assert.Throws<RuleViolation>(() => SuspensionRules.RequireNotSuspended(
                true, "program", D("2019-02"), "sanctions", "nothing can be delivered until it resumes")).Message);
        Assert.Equal("The project is suspended since 2012; resume it first.",
            Assert.Throws<RuleViolation>(() => SuspensionRules.RequireNotSuspended(true, "project", D("2012"))).Message);
    }

    [Theory]
    [InlineData("2016-11", "2016-12-31", 60, 31)]
    [InlineData("2016", "2016-12-31", 365, 0)]
    [InlineData("2020-02-01", "2020-03-01", 29, 29)]
    [InlineData("2021", "2020-06-01", 0, 0)]
    public void A_suspension_lasts_from_the_first_and_from_the_last_day_its_start_can_mean(
        string since, string today, int days, int atLeastDays) =>
        Assert.Equal(new SuspensionLength(days, atLeastDays), SuspensionLength.Of(D(since), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
