using System;
using System.Linq;

namespace MgwTools.Core.Tests;

public class MgwJobStatusTests
{
    [Fact]
    public void KnownStates_AreTheStatesOfTheApi()
    {
        Assert.Equal(
            ["IMPORT_JOB_BEGIN", "IMPORT_JOB_LAUNCHING", "IMPORT_JOB_PREPARING", "IMPORT_JOB_DOING", "IMPORT_JOB_SUSPEND", "IMPORT_JOB_CLOSING",
             "IMPORT_JOB_FINISHED", "IMPORT_JOB_INTERRUPTED", "IMPORT_JOB_CONFIRMED", "IMPORT_JOB_DELETING"],
            MgwJobStatus.Known.Select(s => s.Value).ToArray());
        Assert.All(MgwJobStatus.Known, s => Assert.True(s.IsKnown));
    }

    [Fact]
    public void AnUnknownState_IsKept_AndComparesByItsText()
    {
        MgwJobStatus status = "IMPORT_JOB_WARMING_UP";

        Assert.False(status.IsKnown);
        Assert.Equal("IMPORT_JOB_WARMING_UP", status.ToString());
        Assert.True(status == new MgwJobStatus("IMPORT_JOB_WARMING_UP"));
        Assert.True(status.Equals("IMPORT_JOB_WARMING_UP"));
    }

    [Fact]
    public void EqualsItsText_IgnoringCase_AsPowerShellsEqDoes()
    {
        MgwJobStatus suspended = new("IMPORT_JOB_SUSPEND");

        Assert.True(suspended.Equals((object)"IMPORT_JOB_SUSPEND"));
        Assert.True(suspended.Equals((object)"import_job_suspend"));
        Assert.True(suspended == "IMPORT_JOB_SUSPEND");
        Assert.True(suspended == MgwJobStatus.Suspend);
        Assert.False(suspended == MgwJobStatus.Doing);
        Assert.True(suspended != "IMPORT_JOB_DOING");
        Assert.False(suspended.Equals((object)42));
        Assert.Equal(MgwJobStatus.Suspend.GetHashCode(), new MgwJobStatus("import_job_suspend").GetHashCode());
    }

    [Fact]
    public void Null_IsNoStatus()
    {
        MgwJobStatus? none = null;
        Assert.True(none == null);
        Assert.False(MgwJobStatus.Begin == null);
        Assert.False(MgwJobStatus.Begin.Equals((object?)null));
        Assert.Throws<ArgumentNullException>(() => new MgwJobStatus(null!));
        Assert.Throws<ArgumentNullException>(() => { MgwJobStatus s = (string)null!; });
    }

    [Fact]
    public void SortsByText()
    {
        MgwJobStatus[] sorted = new[] { MgwJobStatus.Suspend, MgwJobStatus.Begin, MgwJobStatus.Doing }.OrderBy(s => s).ToArray();

        Assert.Equal([MgwJobStatus.Begin, MgwJobStatus.Doing, MgwJobStatus.Suspend], sorted);
        Assert.Equal(0, MgwJobStatus.Begin.CompareTo("import_job_begin"));
        Assert.True(MgwJobStatus.Begin.CompareTo(null) > 0);
    }

    [Theory]
    [InlineData(MgwJobStatusChange.Launch, "IMPORT_JOB_LAUNCHING")]
    [InlineData(MgwJobStatusChange.Suspend, "IMPORT_JOB_SUSPEND")]
    [InlineData(MgwJobStatusChange.Close, "IMPORT_JOB_CLOSING")]
    public void StatusChanges_SendTheirState(MgwJobStatusChange change, string wire)
    {
        Assert.Equal(wire, MgwJobStatusChanges.Target(change).Value);
    }
}
