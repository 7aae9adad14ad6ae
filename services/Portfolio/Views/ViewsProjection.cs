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

    /// <summary>Each kind of view with the change it keeps: the one list the projection, its tables and its filter follow.</summary>
    public static readonly IReadOnlyList<IViewKind> Kinds =
    [
        new ViewKind<NetworkView, NetworkChanged>(),
        new ViewKind<MembershipView, MembershipChanged>(),
        new ViewKind<TieView, PartnerTieChanged>(),
        new ViewKind<PolicyView, PolicyChanged>(),
        new ViewKind<ExchangeView, ExchangeChanged>(),
        new ViewKind<ProgramView, PeaceProgramChanged>(),
        new ViewKind<ProjectView, ExportProjectChanged>(),
    ];

    public ViewsProjection()
    {
        Name = ProjectionName;
        foreach (var kind in Kinds)
        {
            IncludeType(kind.Fact);
            RegisterPublishedType(kind.View);
            // A rebuild starts each kind of view from nothing.
            Options.DeleteViewTypeOnTeardown(kind.View);
        }
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var kind in Kinds) await kind.FoldAsync(operations, events, cancellation);
    }

    public interface IViewKind
    {
        Type View { get; }
        Type Fact { get; }
        /// <summary>The view's table, with the numeric revisions it had as an aggregate projection of its own (a bigint column).</summary>
        void Map(StoreOptions options);
        Task FoldAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation);
    }

    private sealed class ViewKind<TView, TFact> : IViewKind where TView : View<TFact>, new() where TFact : class
    {
        public Type View => typeof(TView);
        public Type Fact => typeof(TFact);

        public void Map(StoreOptions options) => options.Schema.For<TView>().UseNumericRevisions(true);

        public async Task FoldAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
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

        /// <summary>Keeps one change per source version, in version order, so duplicates and late arrivals change nothing.</summary>
        private static void Fold(TView view, TFact fact)
        {
            var version = Facts.VersionOf(fact);
            if (view.Changes.Exists(c => Facts.VersionOf(c) == version)) return;
            view.Changes.Insert(view.Changes.FindLastIndex(c => Facts.VersionOf(c) < version) + 1, fact);
        }
    }
}
