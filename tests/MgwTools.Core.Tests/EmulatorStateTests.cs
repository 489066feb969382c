using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

public class EmulatorStateTests
{
    private static async Task<string> StatusOf(EmulatorFixture f, string name) => (await f.Client.GetJob(name)).Text("Status")!;

    [Fact]
    public async Task StartedJobsMoveThroughTheStatesOnTheDrivenClock()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("runner");
        Assert.Equal("IMPORT_JOB_BEGIN", await StatusOf(f, "runner"));

        Assert.Equal(200, (await f.Client.SetStatus("runner", "IMPORT_JOB_LAUNCHING")).Status);
        Assert.Equal("IMPORT_JOB_LAUNCHING", await StatusOf(f, "runner"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("IMPORT_JOB_PREPARING", await StatusOf(f, "runner"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("IMPORT_JOB_DOING", await StatusOf(f, "runner"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("IMPORT_JOB_DOING", await StatusOf(f, "runner"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        EmulatorReply done = await f.Client.GetJob("runner");
        Assert.Equal("IMPORT_JOB_FINISHED", done.Text("Status"));
        // ModifyTime is the instant of the last change: start + 5 + 10 + 60 s.
        Assert.Equal("2026-03-01T08:01:15.000Z", done.Text("ModifyTime"));
    }

    [Fact]
    public async Task OneBigClockJumpGivesTheSameHistoryAsSmallSteps()
    {
        using var a = new EmulatorFixture();
        using var b = new EmulatorFixture();
        foreach (var f in new[] { a, b })
        {
            await f.Client.CreateJob("steady");
            await f.Client.SetStatus("steady", "IMPORT_JOB_LAUNCHING");
        }

        a.Emulator.Clock.Advance(TimeSpan.FromHours(1));
        for (int i = 0; i < 12; i++)
        {
            b.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
            await b.Client.GetJob("steady");
        }

        // Everything but the job ID, which is a fresh UUID on each emulator.
        static string Strip(EmulatorReply r) => string.Join("|", r.Xml!.Elements("JobHistory")
            .Select(h => string.Join(",", h.Elements().Where(e => e.Name != "JobVersion").Select(e => e.Value))));
        Assert.Equal(Strip(await a.Client.Send("GET", "/jobhistory/steady")), Strip(await b.Client.Send("GET", "/jobhistory/steady")));
    }

    [Fact]
    public async Task SuspendResumeAndClose()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("pausable");
        EmulatorReply early = await f.Client.SetStatus("pausable", "IMPORT_JOB_SUSPEND");
        Assert.Equal((400, "InvalidArgument"), (early.Status, early.Code));

        await f.Client.SetStatus("pausable", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(45)); // 30 s into DOING
        Assert.Equal(200, (await f.Client.SetStatus("pausable", "IMPORT_JOB_SUSPEND")).Status);
        f.Emulator.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("IMPORT_JOB_SUSPEND", await StatusOf(f, "pausable"));
        EmulatorReply halfway = await f.Client.Send("GET", "/job/pausable", query: [new("jobResult", null), new("runtimeId", "1")]);
        Assert.Equal("NotReady", halfway.Text("ReadyRetry"));
        long total = long.Parse(halfway.Text("TotalObjectCount")!);
        long copied = long.Parse(halfway.Text("CopiedObjectCount")!) + long.Parse(halfway.Text("FailedObjectCount")!);
        Assert.InRange(copied, total / 2 - 1, total / 2);

        // Resume: LAUNCHING again, straight to DOING (already listed), the remaining 30 s.
        await f.Client.SetStatus("pausable", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("IMPORT_JOB_DOING", await StatusOf(f, "pausable"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("IMPORT_JOB_FINISHED", await StatusOf(f, "pausable"));

        // A new run, closed while copying.
        await f.Client.SetStatus("pausable", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(200, (await f.Client.SetStatus("pausable", "IMPORT_JOB_CLOSING")).Status);
        Assert.Equal("IMPORT_JOB_CLOSING", await StatusOf(f, "pausable"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("IMPORT_JOB_FINISHED", await StatusOf(f, "pausable"));
        Assert.Equal(2, f.Emulator.Jobs.Single().Runs);

        EmulatorReply history = await f.Client.Send("GET", "/jobhistory/pausable", query: [new("runtimeId", "2")]);
        var last = history.Xml!.Elements("JobHistory").Last();
        Assert.Equal("Interrupt", last.Element("RuntimeState")!.Value);
        Assert.Equal("IMPORT_JOB_FINISHED", last.Element("Status")!.Value);
    }

    [Theory]
    [InlineData("IMPORT_JOB_FINISHED")]
    [InlineData("RUNNING")]
    public async Task OnlyTheThreeSettableStatusesAreAccepted(string status)
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("strict");
        EmulatorReply r = await f.Client.SetStatus("strict", status);
        Assert.Equal((400, "InvalidArgument"), (r.Status, r.Code));
    }

    [Fact]
    public async Task UpdateJobTakesStatusOrQosNotBoth()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("qos");
        EmulatorReply both = await f.Client.Send("PUT", "/job/qos",
            "<ImportJob><Status>IMPORT_JOB_LAUNCHING</Status><ImportQos><MaxImportTaskQps>10</MaxImportTaskQps></ImportQos></ImportJob>");
        Assert.Equal("InvalidArgument", both.Code);
        Assert.Equal("InvalidArgument", (await f.Client.Send("PUT", "/job/qos", "<ImportJob/>")).Code);

        Assert.Equal(200, (await f.Client.Send("PUT", "/job/qos",
            "<ImportJob><ImportQos><MaxBandWidth>1073741824</MaxBandWidth><MaxImportTaskQps>100</MaxImportTaskQps></ImportQos></ImportJob>")).Status);
        XElement qos = (await f.Client.GetJob("qos")).Xml!.Element("ImportQos")!;
        Assert.Equal("1073741824", qos.Element("MaxBandWidth")!.Value);
        Assert.Equal("100", qos.Element("MaxImportTaskQps")!.Value);
    }

    [Fact]
    public async Task ListJobPagesWithMarkerAndCount()
    {
        using var f = new EmulatorFixture();
        for (int i = 0; i < 5; i++) f.Emulator.AddAddress($"page-src-{i}");
        for (int i = 0; i < 5; i++) await f.Client.CreateJob($"page-{i}", $"page-src-{i}", "dest");

        var seen = new List<string>();
        string? marker = null;
        int pages = 0;
        do
        {
            var query = new List<KeyValuePair<string, string?>> { new("count", "2") };
            if (marker is not null) query.Add(new("marker", marker));
            EmulatorReply page = await f.Client.Send("GET", "/joblist", query: query);
            Assert.Equal("ImportJobList", page.Xml!.Name.LocalName);
            seen.AddRange(page.Xml.Elements("ImportJob").Select(j => j.Element("Name")!.Value));
            bool truncated = page.Text("Truncated") == "true";
            marker = truncated ? page.Text("NextMarker") : null;
            pages++;
        }
        while (marker is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"page-{i}"), seen);

        Assert.Equal("InvalidArgument", (await f.Client.Send("GET", "/joblist", query: [new("count", "0")])).Code);
        Assert.Equal("InvalidArgument", (await f.Client.Send("GET", "/joblist", query: [new("count", "1001")])).Code);
    }

    [Fact]
    public async Task ListJobHidesSubtasksUnlessAskedAndFiltersByParent()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("parent");
        string parent = (await f.Client.GetJob("parent")).Text("Version")!;
        await f.Client.CreateJob("parent-sub", extra: $"<ParentVersion>{parent}</ParentVersion>");
        await f.Client.CreateJob("loner", "src2", "dest2");

        static IEnumerable<string> Names(EmulatorReply r) => r.Xml!.Elements("ImportJob").Select(j => j.Element("Name")!.Value);
        Assert.Equal(["loner", "parent"], Names(await f.Client.Send("GET", "/joblist")));
        Assert.Equal(["loner", "parent", "parent-sub"], Names(await f.Client.Send("GET", "/joblist", query: [new("all", "true")])));
        Assert.Equal(["parent-sub"], Names(await f.Client.Send("GET", "/joblist", query: [new("parentName", "parent")])));
    }

    [Fact]
    public async Task DeleteJobAnswers204AndNeedsForceForSubtasks()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("doomed");
        string version = (await f.Client.GetJob("doomed")).Text("Version")!;
        await f.Client.CreateJob("doomed-sub", extra: $"<ParentVersion>{version}</ParentVersion>");

        EmulatorReply refused = await f.Client.Send("DELETE", "/job/doomed");
        Assert.Equal((400, "InvalidArgument"), (refused.Status, refused.Code));
        EmulatorReply forced = await f.Client.Send("DELETE", "/job/doomed", query: [new("forceDelete", "true")]);
        Assert.Equal(204, forced.Status);
        // Both are IMPORT_JOB_DELETING for DeletingDuration, then gone.
        Assert.Equal(["IMPORT_JOB_DELETING", "IMPORT_JOB_DELETING"], f.Emulator.Jobs.Select(j => j.Status));
        f.Emulator.Clock.Advance(f.Emulator.Options.DeletingDuration);
        Assert.Equal(0, f.Emulator.JobCount);
        // The name and the address pair are free again.
        Assert.Equal(200, (await f.Client.CreateJob("doomed")).Status);
    }

    [Fact]
    public async Task ResultHistoryAndReportAreDerivedFromTheJob()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("reported", extra: "<CreateReport>true</CreateReport>");
        string version = (await f.Client.GetJob("reported")).Text("Version")!;
        EmulatorReply noRun = await f.Client.Send("GET", "/job/reported", query: [new("jobResult", null), new("runtimeId", "1")]);
        Assert.Equal("InvalidArgument", noRun.Code);
        Assert.Equal("InvalidArgument", (await f.Client.Send("GET", "/job/reported", query: [new("jobResult", null)])).Code);

        await f.Client.SetStatus("reported", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        EmulatorReply result = await f.Client.Send("GET", "/job/reported", query: [new("jobResult", null), new("runtimeId", "1")]);
        Assert.Equal("ImportJobResult", result.Xml!.Name.LocalName);
        Assert.Equal(version, result.Text("Version"));
        long total = long.Parse(result.Text("TotalObjectCount")!);
        long copied = long.Parse(result.Text("CopiedObjectCount")!);
        long failed = long.Parse(result.Text("FailedObjectCount")!);
        Assert.Equal(total, copied + failed);
        Assert.Equal(failed > 0 ? "Ready" : "NoNeed", result.Text("ReadyRetry"));

        // The same name gives the same figures on another emulator: derived, not random.
        using var other = new EmulatorFixture();
        await other.Client.CreateJob("reported");
        await other.Client.SetStatus("reported", "IMPORT_JOB_LAUNCHING");
        other.Emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        EmulatorReply again = await other.Client.Send("GET", "/job/reported", query: [new("jobResult", null), new("runtimeId", "1")]);
        Assert.Equal(result.Text("TotalObjectSize"), again.Text("TotalObjectSize"));

        EmulatorReply history = await f.Client.Send("GET", "/jobhistory/reported", query: [new("count", "2")]);
        Assert.Equal("JobHistoryList", history.Xml!.Name.LocalName);
        Assert.Equal(["IMPORT_JOB_LAUNCHING", "IMPORT_JOB_PREPARING"], history.Xml.Elements("JobHistory").Select(h => h.Element("Status")!.Value));
        Assert.Equal("true", history.Text("Truncated"));
        EmulatorReply rest = await f.Client.Send("GET", "/jobhistory/reported", query: [new("marker", history.Text("NextMarker"))]);
        Assert.Equal(["IMPORT_JOB_DOING", "IMPORT_JOB_FINISHED"], rest.Xml!.Elements("JobHistory").Select(h => h.Element("Status")!.Value));
        Assert.Equal("user", history.Xml.Elements("JobHistory").First().Element("Operator")!.Value);

        // CreateReport=true: a report exists for the finished run and is ready ReportDuration after the run ended.
        EmulatorReply report = await f.Client.Send("GET", "/report", query: [new("version", version)]);
        Assert.Equal("GetReportResponse", report.Xml!.Name.LocalName);
        Assert.Equal("Finished", report.Text("Status"));
        Assert.Equal(total, long.Parse(report.Text("TotalCount")!));
        Assert.Equal("InvalidArgument", (await f.Client.Send("GET", "/report")).Code);
    }

    [Fact]
    public async Task CreateReportMakesARunningThenFinishedReport()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("plain");
        string version = (await f.Client.GetJob("plain")).Text("Version")!;
        await f.Client.SetStatus("plain", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("NotExist", (await f.Client.Send("GET", "/report", query: [new("version", version)])).Text("Status"));

        string body = $"<CreateReport><JobName>plain</JobName><Version>{version}</Version><RuntimeId>1</RuntimeId></CreateReport>";
        Assert.Equal(200, (await f.Client.Send("POST", "/report", body)).Status);
        Assert.Equal("Running", (await f.Client.Send("GET", "/report", query: [new("version", version), new("runtimeId", "1")])).Text("Status"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        EmulatorReply done = await f.Client.Send("GET", "/report", query: [new("version", version), new("runtimeId", "1")]);
        Assert.Equal("Finished", done.Text("Status"));
        Assert.Equal("mgw-report/plain/1/failed_list/", done.Text("FailedListPrefix"));
    }

    [Fact]
    public async Task AddressLifecycle()
    {
        using var f = new EmulatorFixture();
        string body = "<ImportAddress><Name>bucket-a</Name><AddressDetail><AddressType>oss</AddressType><Bucket>a</Bucket>" +
                      "<RegionId>oss-cn-hangzhou</RegionId><AccessId>id</AccessId><AccessSecret>hidden-value</AccessSecret></AddressDetail></ImportAddress>";
        Assert.Equal(200, (await f.Client.Send("POST", "/address", body)).Status);
        EmulatorReply dup = await f.Client.Send("POST", "/address", body);
        Assert.Equal((409, "ImportAddressAlreadyExist"), (dup.Status, dup.Code));
        Assert.Equal("InvalidArgument", (await f.Client.Send("POST", "/address", "<ImportAddress><Name>Bad_Name</Name><AddressDetail><AddressType>oss</AddressType></AddressDetail></ImportAddress>")).Code);
        Assert.Equal("InvalidArgument", (await f.Client.Send("POST", "/address", "<ImportAddress><Name>nodetail</Name></ImportAddress>")).Code);

        EmulatorReply get = await f.Client.Send("GET", "/address/bucket-a");
        Assert.Equal("ImportAddress", get.Xml!.Name.LocalName);
        Assert.Equal("oss", get.Xml.Element("AddressDetail")!.Element("AddressType")!.Value);
        Assert.DoesNotContain("hidden-value", get.Body);

        Assert.Equal(200, (await f.Client.Send("PUT", "/address/bucket-a", "<ImportAddress><AgentList>agent1,agent2</AgentList></ImportAddress>")).Status);
        Assert.Equal("agent1,agent2", (await f.Client.Send("GET", "/address/bucket-a")).Xml!.Element("AddressDetail")!.Element("AgentList")!.Value);

        EmulatorReply verify = await f.Client.Send("GET", "/address/bucket-a", query: [new("verify", null)]);
        Assert.Equal("VerifyAddressResponse", verify.Xml!.Name.LocalName);
        Assert.Equal("available", verify.Text("Status"));

        EmulatorReply list = await f.Client.Send("GET", "/addresslist", query: [new("count", "2")]);
        Assert.Equal("ImportAddressList", list.Xml!.Name.LocalName);
        Assert.Equal(2, list.Xml.Elements("ImportAddress").Count());
        Assert.Equal("true", list.Text("Truncated"));

        await f.Client.CreateJob("uses-a", "bucket-a", "dest");
        EmulatorReply busy = await f.Client.Send("DELETE", "/address/bucket-a");
        Assert.Equal((409, "ImportAddressIsOccupied"), (busy.Status, busy.Code));
        await f.Client.Send("DELETE", "/job/uses-a");
        f.Emulator.Clock.Advance(f.Emulator.Options.DeletingDuration); // the job is gone only when its deletion is over
        Assert.Equal(204, (await f.Client.Send("DELETE", "/address/bucket-a")).Status);
        EmulatorReply gone = await f.Client.Send("GET", "/address/bucket-a");
        Assert.Equal((404, "NoSuchImportAddress"), (gone.Status, gone.Code));
    }

    [Fact]
    public void AddAddressAppliesTheNameRuleAndResetClearsEverything()
    {
        using var f = new EmulatorFixture();
        var bad = Assert.Throws<MgwException>(() => f.Emulator.AddAddress("Bad Name"));
        Assert.Equal("InvalidArgument", bad.Error.Code);
        var dup = Assert.Throws<MgwException>(() => f.Emulator.AddAddress("src"));
        Assert.Equal("ImportAddressAlreadyExist", dup.Error.Code);

        Assert.Equal(4, f.Emulator.Addresses.Count);
        f.Emulator.Reset();
        Assert.Empty(f.Emulator.Addresses);
        Assert.Equal(0, f.Emulator.JobCount);
        Assert.Equal(0, f.Emulator.Stats.Requests);
    }
}
