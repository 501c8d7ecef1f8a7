using Scheduler.Contracts;
using Scheduler.Grains.Hosting;

namespace Scheduler.Grains.Tests;

/// <summary>The hot paths' grain references: the same grain and interface as Orleans' own <c>GetGrain</c>, and they reach it.</summary>
[Collection(SchedulerClusterCollection.Name)]
public sealed class GrainReferencesTests(SchedulerCluster fixture)
{
    [Fact]
    public async Task A_reference_names_the_grain_and_interface_GetGrain_names_and_reaches_that_grain()
    {
        var day = new DayKey("lim-brena", SchedulerCluster.Procedure, SchedulerCluster.Today.AddDays(3)).ToString();

        var ours = (GrainReference)(object)fixture.Client.Reference<IDayInventoryGrain>(day);
        var orleans = (GrainReference)(object)fixture.Client.GetGrain<IDayInventoryGrain>(day);
        var office = (GrainReference)(object)fixture.Client.Reference<IOfficeGrain>("lim-brena");

        Assert.Equal(orleans.GrainId, ours.GrainId);
        Assert.Equal(orleans.InterfaceType, ours.InterfaceType);
        Assert.Equal(fixture.Client.GetGrain<IOfficeGrain>("lim-brena").GetGrainId(), office.GrainId);
        Assert.NotEqual(ours.GrainId.Type, office.GrainId.Type);

        // The same activation answers through either reference.
        Assert.Equal(
            await fixture.Client.GetGrain<IDayInventoryGrain>(day).GetAvailability(),
            await fixture.Client.Reference<IDayInventoryGrain>(day).GetAvailability(),
            new AvailabilityComparer());
    }

    private sealed class AvailabilityComparer : IEqualityComparer<DayAvailability>
    {
        public bool Equals(DayAvailability? x, DayAvailability? y) =>
            x is not null && y is not null && x.Date == y.Date && x.Slots.SequenceEqual(y.Slots);

        public int GetHashCode(DayAvailability obj) => obj.Date.GetHashCode();
    }
}
