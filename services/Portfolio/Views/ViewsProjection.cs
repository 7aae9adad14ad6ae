using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Diplomacy.Portfolio.Views;

/// <summary>
/// The async projection of every kind of view, one shard for the seven: for each page of received changes it loads the
/// views the page touches, one query per kind, and folds each initiative's changes into its view. Seven projections of
/// their own were seven shards, and each advance of the events then cost seven transactions, six with nothing to do.
/// Rebuilt from the streams by the admin command or when a view's definition version changes (<see cref="ViewDefinitions"/>).
/// </summary>
public sealed class ViewsProjection : ProjectionBase, IProjection
{
    public const string ProjectionName = "Views";

    public ViewsProjection()
    {
        Name = ProjectionName;
        Kind<NetworkView, NetworkChanged>();
        Kind<MembershipView, MembershipChanged>();
        Kind<TieView, PartnerTieChanged>();
        Kind<PolicyView, PolicyChanged>();
        Kind<ExchangeView, ExchangeChanged>();
        Kind<ProgramView, PeaceProgramChanged>();
        Kind<ProjectView, ExportProjectChanged>();
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        await FoldAsync<NetworkView, NetworkChanged>(operations, events, cancellation);
        await FoldAsync<MembershipView, MembershipChanged>(operations, events, cancellation);
        await FoldAsync<TieView, PartnerTieChanged>(operations, events, cancellation);
        await FoldAsync<PolicyView, PolicyChanged>(operations, events, cancellation);
        await FoldAsync<ExchangeView, ExchangeChanged>(operations, events, cancellation);
        await FoldAsync<ProgramView, PeaceProgramChanged>(operations, events, cancellation);
        await FoldAsync<ProjectView, ExportProjectChanged>(operations, events, cancellation);
    }

    /// <summary>Keeps one change per source version, in version order, so duplicates and late arrivals change nothing.</summary>
    private static void Fold<TFact>(View<TFact> view, TFact fact) where TFact : class
    {
        var version = Facts.VersionOf(fact);
        if (view.Changes.Exists(c => Facts.VersionOf(c) == version)) return;
        view.Changes.Insert(view.Changes.FindLastIndex(c => Facts.VersionOf(c) < version) + 1, fact);
    }

    private void Kind<TView, TFact>() where TView : View<TFact> where TFact : class
    {
        IncludeType<TFact>();
        RegisterPublishedType(typeof(TView));
        // A rebuild starts each kind of view from nothing.
        Options.DeleteViewTypeOnTeardown<TView>();
    }

    private static async Task FoldAsync<TView, TFact>(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
        where TView : View<TFact>, new() where TFact : class
    {
        // A page's events are in sequence order, so each initiative's changes stay in the order they were received.
        var streams = events.Where(e => e.Data is TFact).GroupBy(e => e.StreamId).ToList();
        if (streams.Count == 0) return;
        var known = (await operations.LoadManyAsync<TView>(cancellation, streams.Select(s => s.Key))).ToDictionary(v => v.Id);
        foreach (var stream in streams)
        {
            var view = known.GetValueOrDefault(stream.Key) ?? new TView { Id = stream.Key };
            foreach (var e in stream) Fold(view, (TFact)e.Data);
            operations.Store(view);
        }
    }
}
