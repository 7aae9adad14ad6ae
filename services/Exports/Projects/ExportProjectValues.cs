using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.Exports.Projects;

// The kinds and value records an export project's state, commands and events are made of; the state itself is in ExportProject.cs.

public enum LeadOrigin
{
    OdaChallenge = 1,
    MultilateralBank,
    Koica,
    PartnerRequest,
    CityNetwork,
    PolicySharing,
}

public enum StudyKind
{
    PreFeasibility = 1,
    Feasibility,
}

public enum FeasibilityResult
{
    Feasible = 1,
    FeasibleWithConditions,
    NotFeasible,
}

public enum FinancingSource
{
    SmgOwnBudget = 1,
    SmgOda,
    Koica,
    Edcf,
    Kexim,
    WorldBank,
    Ifc,
    Adb,
    Idb,
    ClientFunded,
    PrivateConcession,
    Ppp,
}

public enum FinancingInstrument
{
    Grant = 1,
    Loan,
    ConcessionalLoan,
    /// <summary>Secures other money; not itself money for the project, so it never counts towards coverage.</summary>
    Guarantee,
    Equity,
    BudgetAllocation,
    ClientPayment,
    Other,
}

public enum EvaluationRating
{
    HighlySuccessful = 1,
    Successful,
    PartlySuccessful,
    Unsuccessful,
}

/// <summary>A Korean firm of the consortium and its role in free text ("lead, system integration").</summary>
public sealed record ConsortiumMember(string Firm, string Role);

public sealed record FeasibilityStudy(StudyKind Kind, PartialDate CommissionedOn, FeasibilityResult? Result = null, PartialDate? CompletedOn = null);

public sealed record FinancingLine(
    FinancingSource Source, FinancingInstrument Instrument, Money Amount, bool Committed, PartialDate? ArrangedOn, string? Note)
{
    /// <summary>Committed money for the project: a guarantee secures other money and is never counted.</summary>
    public bool Counts => Committed && Instrument != FinancingInstrument.Guarantee;
}

public sealed record Milestone(string Name, int PercentComplete, PartialDate ReachedOn);

public sealed record Payment(Money Amount, PartialDate ReceivedOn, string? Note);

public sealed record PostEvaluation(EvaluationRating Rating, PartialDate EvaluatedOn, string? Summary);
