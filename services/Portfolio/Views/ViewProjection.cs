using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Diplomacy.Portfolio.Views;

/// <summary>
/// The async projection of one kind of view: folds the changes of an initiative's stream into its <typeparamref name="TView"/>,
/// keeping one change per source version in version order. Rebuilt from the streams by the admin command or when
/// its definition version changes (<see cref="ViewDefinitions"/>).
/// </summary>
public sealed class ViewProjection<TView, TFact> : SingleStreamProjection<TView, Guid>
    where TView : View<TFact>, new() where TFact : class
{
    public ViewProjection()
    {
        Name = typeof(TView).Name;
        IncludeType<TFact>();
    }

    public override TView? Evolve(TView? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not TFact fact) return snapshot;
        snapshot ??= new TView { Id = id };
        var version = Facts.VersionOf(fact);
        if (snapshot.Changes.Exists(c => Facts.VersionOf(c) == version)) return snapshot;
        snapshot.Changes.Insert(snapshot.Changes.FindLastIndex(c => Facts.VersionOf(c) < version) + 1, fact);
        return snapshot;
    }
}
