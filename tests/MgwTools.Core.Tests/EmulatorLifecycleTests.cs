using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

/// <summary>
/// The local service's side of the job lifecycle (issue 11): runs and their figures, failures and retry jobs,
/// schedules, deletion, reports and small pages. Every test drives the manual clock; none sleeps.
/// </summary>
public class EmulatorLifecycleTests
{
    /// <summary>LAUNCHING + PREPARING + DOING with the default durations.</summary>
    private static readonly TimeSpan WholeRun = TimeSpan.FromSeconds(75);

    private static Task<EmulatorReply> Result(EmulatorFixture f, string job, int runtimeId = 1) =>
        f.Client.Send("GET", "/job/" + job, query: [new("jobResult", null), new("runtimeId", runtimeId.ToString(CultureInfo.InvariantCulture))]);

    private static async Task<List<XElement>> History(EmulatorFixture f, string job, int? runtimeId = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (runtimeId is not null) query.Add(new("runtimeId", runtimeId.Value.ToString(CultureInfo.InvariantCulture)));
        EmulatorReply r = await f.Client.Send("GET", "/jobhistory/" + job, query: query);
        Assert.Equal(200, r.Status);
        return r.Xml!.Elements("JobHistory").ToList();
    }

    private static long N(XElement e, string name) => long.Parse(e.Element(name)!.Value, CultureInfo.InvariantCulture);

    private static long N(EmulatorReply r, string name) => long.Parse(r.Text(name)!, CultureInfo.InvariantCulture);

    private static async Task RunToEnd(EmulatorFixture f, string job)
    {
        Assert.Equal(200, (await f.Client.SetStatus(job, "IMPORT_JOB_LAUNCHING")).Status);
        f.Emulator.Clock.Advance(WholeRun);
        Assert.Equal("IMPORT_JOB_FINISHED", (await f.Client.GetJob(job)).Text("Status"));
    }

    // ---- 1. figures from the seed and the source address ------------------------------------------

    [Fact]
    public async Task RunFiguresAreDrawnFromTheSeedAndTheSourceAddress()
    {
        async Task<(long Files, long Bytes)> Figures(int seed, string source)
        {
            using var f = new EmulatorFixture(o => o.Seed = seed);
            await f.Client.CreateJob("figures", source, "dest");
            await RunToEnd(f, "figures");
            EmulatorReply r = await Result(f, "figures");
            return (N(r, "TotalObjectCount"), N(r, "TotalObjectSize"));
        }

        var first = await Figures(7, "src");
        Assert.Equal(first, await Figures(7, "src"));
        Assert.NotEqual(first, await Figures(8, "src"));
        Assert.NotEqual(first, await Figures(7, "src2"));
        Assert.InRange(first.Files, 1000, 99_999);
        Assert.Equal(0, first.Bytes % first.Files);
    }

    [Fact]
    public async Task EachRunAddsHistoryWhoseCountsGrowWhileItRuns()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("growing");
        await f.Client.SetStatus("growing", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(15)); // listed, copying starts

        XElement doing = (await History(f, "growing")).Last();
        Assert.Equal("IMPORT_JOB_DOING", doing.Element("Status")!.Value);
        long total = N(doing, "TotalCount");
        Assert.True(total > 0);
        Assert.Equal(0, N(doing, "CopiedCount"));

        var copied = new List<long>();
        var bytes = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            f.Emulator.Clock.Advance(TimeSpan.FromSeconds(15));
            XElement live = (await History(f, "growing")).Last();
            Assert.Equal("IMPORT_JOB_DOING", live.Element("Status")!.Value);
            Assert.Equal(doing.Element("CommitId")!.Value, live.Element("CommitId")!.Value);
            copied.Add(N(live, "CopiedCount"));
            bytes.Add(N(live, "CopiedSize"));
        }

        Assert.True(copied[0] > 0 && copied[0] < copied[1] && copied[1] < copied[2] && copied[2] < total, string.Join(",", copied));
        Assert.True(bytes[0] < bytes[1] && bytes[1] < bytes[2]);

        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(15));
        List<XElement> run1 = await History(f, "growing");
        Assert.Equal(["IMPORT_JOB_LAUNCHING", "IMPORT_JOB_PREPARING", "IMPORT_JOB_DOING", "IMPORT_JOB_FINISHED"],
            run1.Select(h => h.Element("Status")!.Value));
        Assert.Equal(total, N(run1.Last(), "CopiedCount"));
        // An ended run's entries no longer move.
        f.Emulator.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(total, N((await History(f, "growing")).Last(), "CopiedCount"));

        // A second run adds its own entries, under runtime id 2.
        await RunToEnd(f, "growing");
        List<XElement> run2 = await History(f, "growing", runtimeId: 2);
        Assert.Equal(4, run2.Count);
        Assert.All(run2, h => Assert.Equal("2", h.Element("RuntimeId")!.Value));
        Assert.Equal(8, (await History(f, "growing")).Count);
    }

    // ---- 2. failures and GetJobResult --------------------------------------------------------------

    [Fact]
    public async Task FailureRateFailsThatShareAndGetJobResultPointsAtTheFailedList()
    {
        using var f = new EmulatorFixture(o => o.FailureRate = 0.1);
        await f.Client.CreateJob("lossy");
        string version = (await f.Client.GetJob("lossy")).Text("Version")!;
        await f.Client.SetStatus("lossy", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(45));

        EmulatorReply running = await Result(f, "lossy");
        Assert.Equal("NotReady", running.Text("ReadyRetry"));
        Assert.Null(running.Text("InvPath"));

        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(30));
        EmulatorReply done = await Result(f, "lossy");
        long total = N(done, "TotalObjectCount");
        long failed = N(done, "FailedObjectCount");
        Assert.Equal((long)Math.Round(total * 0.1, MidpointRounding.AwayFromZero), failed);
        Assert.Equal(total - failed, N(done, "CopiedObjectCount"));
        Assert.Equal("Ready", done.Text("ReadyRetry"));
        Assert.Equal(version, done.Text("Version"));
        Assert.Equal("ossinv", done.Text("AddressType"));
        Assert.Equal($"lossy/{version}/1/manifest.json", done.Text("InvPath"));
        Assert.Equal("mgw-retry-lists-1234567890123456", done.Text("InvBucket"));
        Assert.Equal("oss-cn-hangzhou.aliyuncs.com", done.Text("InvDomain"));
        Assert.Equal("oss", done.Text("InvLocation"));
        Assert.Equal("oss-cn-hangzhou", done.Text("InvRegionId"));
        Assert.Matches("^LTAI[A-Za-z0-9]{20}$", done.Text("InvAccessId"));
        Assert.Equal(30, done.Text("InvAccessSecret")!.Length);
        Assert.NotEqual(f.Emulator.AccessKeySecret, done.Text("InvAccessSecret"));
    }

    [Fact]
    public async Task WithoutFailuresGetJobResultIsNoNeed()
    {
        using var f = new EmulatorFixture();
        Assert.Equal(0, f.Emulator.Options.FailureRate);
        await f.Client.CreateJob("clean");
        await RunToEnd(f, "clean");
        EmulatorReply r = await Result(f, "clean");
        Assert.Equal("NoNeed", r.Text("ReadyRetry"));
        Assert.Equal(0, N(r, "FailedObjectCount"));
        Assert.Equal(N(r, "TotalObjectCount"), N(r, "CopiedObjectCount"));
        Assert.Null(r.Text("InvPath"));
    }

    // ---- 3. retry jobs -----------------------------------------------------------------------------

    private static string RetryAddressBody(string name, EmulatorReply result, string? path = null) =>
        $"<ImportAddress><Name>{name}</Name><AddressDetail><AddressType>{result.Text("AddressType")}</AddressType>" +
        $"<InvBucket>{result.Text("InvBucket")}</InvBucket><InvPath>{path ?? result.Text("InvPath")}</InvPath>" +
        $"<InvDomain>{result.Text("InvDomain")}</InvDomain><InvLocation>{result.Text("InvLocation")}</InvLocation>" +
        $"<InvAccessId>{result.Text("InvAccessId")}</InvAccessId><InvAccessSecret>{result.Text("InvAccessSecret")}</InvAccessSecret>" +
        $"<InvRegionId>{result.Text("InvRegionId")}</InvRegionId></AddressDetail></ImportAddress>";

    [Fact]
    public async Task ARetryJobMigratesExactlyTheFailedFilesAndNoneFail()
    {
        using var f = new EmulatorFixture(o => o.FailureRate = 0.25);
        await f.Client.CreateJob("parent-job");
        string parentVersion = (await f.Client.GetJob("parent-job")).Text("Version")!;
        await RunToEnd(f, "parent-job");
        EmulatorReply parent = await Result(f, "parent-job");
        long failed = N(parent, "FailedObjectCount");
        Assert.True(failed > 0);
        long averageSize = N(parent, "TotalObjectSize") / N(parent, "TotalObjectCount");

        Assert.Equal(200, (await f.Client.Send("POST", "/address", RetryAddressBody("retry-list", parent))).Status);
        EmulatorReply address = await f.Client.Send("GET", "/address/retry-list");
        Assert.Equal("ossinv", address.Xml!.Element("AddressDetail")!.Element("AddressType")!.Value);
        Assert.DoesNotContain(parent.Text("InvAccessSecret")!, address.Body);

        Assert.Equal(200, (await f.Client.CreateJob("parent-job-retry", "retry-list", "dest", $"<ParentVersion>{parentVersion}</ParentVersion>")).Status);
        EmulatorReply child = await f.Client.GetJob("parent-job-retry");
        Assert.Equal(parentVersion, child.Text("ParentVersion"));
        Assert.Equal("parent-job", child.Text("ParentName"));
        await RunToEnd(f, "parent-job-retry");

        EmulatorReply retried = await Result(f, "parent-job-retry");
        Assert.Equal(failed, N(retried, "TotalObjectCount"));
        Assert.Equal(failed, N(retried, "CopiedObjectCount"));
        Assert.Equal(0, N(retried, "FailedObjectCount"));
        Assert.Equal(failed * averageSize, N(retried, "TotalObjectSize"));
        Assert.Equal("NoNeed", retried.Text("ReadyRetry"));
    }

    [Fact]
    public async Task AnInventoryThatIsNoFailedListIsAnOrdinarySource()
    {
        using var f = new EmulatorFixture(o => o.FailureRate = 0.5);
        string body = "<ImportAddress><Name>some-inventory</Name><AddressDetail><AddressType>ossinv</AddressType><InvBucket>inventories</InvBucket>" +
                      "<InvPath>daily/manifest.json</InvPath><InvLocation>oss</InvLocation></AddressDetail></ImportAddress>";
        Assert.Equal(200, (await f.Client.Send("POST", "/address", body)).Status);
        await f.Client.CreateJob("from-inventory", "some-inventory", "dest");
        await RunToEnd(f, "from-inventory");
        EmulatorReply r = await Result(f, "from-inventory");
        Assert.Equal((long)Math.Round(N(r, "TotalObjectCount") * 0.5, MidpointRounding.AwayFromZero), N(r, "FailedObjectCount"));
    }

    [Theory]
    [InlineData("<InvPath>x/manifest.json</InvPath>", "AddressDetail/InvBucket is required for an address of type ossinv (the inventory's bucket and manifest path).")]
    [InlineData("<InvBucket>b</InvBucket>", "AddressDetail/InvPath is required for an address of type ossinv (the inventory's bucket and manifest path).")]
    [InlineData("<InvBucket>b</InvBucket><InvPath>m.json</InvPath><InvLocation>ftp</InvLocation>", "AddressDetail/InvLocation 'ftp' is not one of oss, s3 and cos.")]
    public async Task AnInventoryAddressNeedsItsManifest(string detail, string message)
    {
        using var f = new EmulatorFixture();
        EmulatorReply r = await f.Client.Send("POST", "/address",
            $"<ImportAddress><Name>bad-inventory</Name><AddressDetail><AddressType>ossinv</AddressType>{detail}</AddressDetail></ImportAddress>");
        Assert.Equal((400, "InvalidArgument"), (r.Status, r.Code));
        Assert.Equal(message, r.Text("Message"));
    }

    // ---- 4. schedules ------------------------------------------------------------------------------

    private static string Schedule(string? start = null, string? suspend = null, int? max = null) =>
        "<ScheduleRule>" + (start is null ? "" : $"<StartCronExpression>{start}</StartCronExpression>") +
        (suspend is null ? "" : $"<SuspendCronExpression>{suspend}</SuspendCronExpression>") +
        (max is null ? "" : $"<MaxScheduleCount>{max}</MaxScheduleCount>") + "</ScheduleRule>";

    [Fact]
    public async Task TheStartScheduleRunsTheJobUntilMaxScheduleCount()
    {
        using var f = new EmulatorFixture();
        Assert.Equal(200, (await f.Client.CreateJob("hourly", extra: Schedule("0 0 * * * ?", max: 3))).Status);
        Assert.Equal("IMPORT_JOB_BEGIN", (await f.Client.GetJob("hourly")).Text("Status"));

        f.Emulator.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(3, f.Emulator.Jobs.Single().Runs);
        Assert.Equal("IMPORT_JOB_FINISHED", (await f.Client.GetJob("hourly")).Text("Status"));

        List<XElement> history = await History(f, "hourly");
        var starts = history.Where(h => h.Element("Status")!.Value == "IMPORT_JOB_LAUNCHING").ToList();
        // Evaluated in UTC from the job's creation (08:00): 09:00, 10:00, 11:00.
        Assert.Equal(["2026-03-01T09:00:00.000Z", "2026-03-01T10:00:00.000Z", "2026-03-01T11:00:00.000Z"],
            starts.Select(h => h.Element("StartTime")!.Value));
        Assert.All(starts, h => Assert.Equal("system", h.Element("Operator")!.Value));
        Assert.Equal("The job was started by its schedule (StartCronExpression), run 3 of 3.", starts.Last().Element("Message")!.Value);

        // The schedule is spent, but the job can still be started by hand.
        await RunToEnd(f, "hourly");
        Assert.Equal(4, f.Emulator.Jobs.Single().Runs);
        f.Emulator.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(4, f.Emulator.Jobs.Single().Runs);
    }

    [Fact]
    public async Task ScheduledRunsAreTheSameInOneJumpOrManySteps()
    {
        using var a = new EmulatorFixture();
        using var b = new EmulatorFixture();
        foreach (var f in new[] { a, b }) await f.Client.CreateJob("daily", extra: Schedule("0 30 2 * * ?", max: 5));
        a.Emulator.Clock.Advance(TimeSpan.FromDays(7));
        for (int i = 0; i < 7 * 24; i++)
        {
            b.Emulator.Clock.Advance(TimeSpan.FromHours(1));
            if (i % 5 == 0) await b.Client.GetJob("daily");
        }

        static string Strip(List<XElement> h) => string.Join("|", h.Select(e => string.Join(",", e.Elements().Where(x => x.Name != "JobVersion").Select(x => x.Value))));
        Assert.Equal(Strip(await History(a, "daily")), Strip(await History(b, "daily")));
        Assert.Equal(5, a.Emulator.Jobs.Single().Runs);
    }

    [Fact]
    public async Task TheSuspendScheduleSuspendsARunAndTheStartScheduleResumesIt()
    {
        // A run that copies for 2 hours, started daily at 09:00 and suspended at 09:30.
        using var f = new EmulatorFixture(o => o.DoingDuration = TimeSpan.FromHours(2));
        await f.Client.CreateJob("nightly", extra: Schedule("0 0 9 * * ?", "0 30 9 * * ?", max: 1));

        f.Emulator.Clock.Advance(TimeSpan.FromMinutes(60 + 45)); // 09:45
        Assert.Equal("IMPORT_JOB_SUSPEND", (await f.Client.GetJob("nightly")).Text("Status"));
        XElement suspended = (await History(f, "nightly")).Last();
        Assert.Equal(("IMPORT_JOB_SUSPEND", "system"), (suspended.Element("Status")!.Value, suspended.Element("Operator")!.Value));
        Assert.Equal("The job was suspended by its schedule (SuspendCronExpression).", suspended.Element("Message")!.Value);

        f.Emulator.Clock.Advance(TimeSpan.FromHours(23.5)); // next day 09:15: resumed, the same run
        Assert.Equal("IMPORT_JOB_DOING", (await f.Client.GetJob("nightly")).Text("Status"));
        Assert.Equal(1, f.Emulator.Jobs.Single().Runs);
        Assert.Equal("The job was resumed by its schedule (StartCronExpression).",
            (await History(f, "nightly")).Last(h => h.Element("Status")!.Value == "IMPORT_JOB_LAUNCHING").Element("Message")!.Value);

        // Half an hour of copying a day: the 2-hour run ends on the fifth day; MaxScheduleCount 1 counts runs, not resumes.
        f.Emulator.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal("IMPORT_JOB_FINISHED", (await f.Client.GetJob("nightly")).Text("Status"));
        Assert.Equal(1, f.Emulator.Jobs.Single().Runs);
        Assert.Equal("2026-03-05T09:", (await History(f, "nightly")).Last().Element("EndTime")!.Value.Substring(0, 14));
    }

    public static IEnumerable<object[]> BadSchedules() => new[]
    {
        new object[] { Schedule("0 */30 * * * ?"), "ScheduleRule/StartCronExpression '0 */30 * * * ?' fires at 2026-03-01 08:30:00Z and again at 09:00:00Z; runs must be at least 1 hour apart." },
        new object[] { Schedule(suspend: "0 0 25 * * ?"), "ScheduleRule/SuspendCronExpression '0 0 25 * * ?' is not a valid cron expression:" },
        new object[] { Schedule("0 0 0 30 2 ?"), "ScheduleRule/StartCronExpression '0 0 0 30 2 ?' never fires." },
    };

    [Theory]
    [MemberData(nameof(BadSchedules))]
    public async Task ASchedulePastTheServiceRulesIsInvalidArgument(string schedule, string message)
    {
        using var f = new EmulatorFixture();
        EmulatorReply r = await f.Client.CreateJob("scheduled", extra: schedule);
        Assert.Equal((400, "InvalidArgument"), (r.Status, r.Code));
        Assert.StartsWith(message, r.Text("Message"));
    }

    // ---- 5. deletion -------------------------------------------------------------------------------

    [Fact]
    public async Task DeletionGoesThroughDeletingBeforeTheJobDisappears()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("leaving");
        await f.Client.SetStatus("leaving", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(204, (await f.Client.Send("DELETE", "/job/leaving")).Status);
        Assert.Equal("IMPORT_JOB_DELETING", (await f.Client.GetJob("leaving")).Text("Status"));
        EmulatorReply start = await f.Client.SetStatus("leaving", "IMPORT_JOB_LAUNCHING");
        Assert.Equal((400, "InvalidArgument"), (start.Status, start.Code));
        Assert.Equal("The job 'leaving' is being deleted and cannot be started.", start.Text("Message"));
        Assert.Equal("ImportJobAlreadyExist", (await f.Client.CreateJob("leaving", "src2", "dest2")).Code);
        Assert.Equal(204, (await f.Client.Send("DELETE", "/job/leaving")).Status); // again: still fine
        // The run under way stopped where it was.
        Assert.Equal("Interrupt", (await History(f, "leaving")).Last().Element("RuntimeState")!.Value);
        Assert.NotEqual("NotReady", (await Result(f, "leaving")).Text("ReadyRetry"));

        f.Emulator.Clock.Advance(f.Emulator.Options.DeletingDuration - TimeSpan.FromSeconds(1));
        Assert.Equal("IMPORT_JOB_DELETING", (await f.Client.GetJob("leaving")).Text("Status"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        EmulatorReply gone = await f.Client.GetJob("leaving");
        Assert.Equal((404, "NoSuchImportJob"), (gone.Status, gone.Code));
        Assert.Equal(200, (await f.Client.CreateJob("leaving")).Status);
    }

    [Fact]
    public async Task AJobWithSubtasksIsDeletedOnlyWithForceDelete()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("family");
        string version = (await f.Client.GetJob("family")).Text("Version")!;
        await f.Client.CreateJob("family-sub", extra: $"<ParentVersion>{version}</ParentVersion>");

        EmulatorReply refused = await f.Client.Send("DELETE", "/job/family", query: [new("forceDelete", "false")]);
        Assert.Equal((400, "InvalidArgument"), (refused.Status, refused.Code));
        Assert.Equal("The import job 'family' has 1 subtask(s); set forceDelete=true to delete it with them.", refused.Text("Message"));
        Assert.All(f.Emulator.Jobs, j => Assert.NotEqual("IMPORT_JOB_DELETING", j.Status));

        Assert.Equal(204, (await f.Client.Send("DELETE", "/job/family", query: [new("forceDelete", "true")])).Status);
        EmulatorReply orphan = await f.Client.CreateJob("family-late", "src2", "dest2", $"<ParentVersion>{version}</ParentVersion>");
        Assert.Equal((404, "NoSuchImportJobParent"), (orphan.Status, orphan.Code));
        Assert.Equal($"The parent import job 'family' (version '{version}') is being deleted.", orphan.Text("Message"));
        f.Emulator.Clock.Advance(f.Emulator.Options.DeletingDuration);
        Assert.Equal(0, f.Emulator.JobCount);
    }

    // ---- 6. reports --------------------------------------------------------------------------------

    [Fact]
    public async Task AReportRequestedDuringARunIsRunningUntilTheRunEndsAndThenFinished()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("reporting");
        string version = (await f.Client.GetJob("reporting")).Text("Version")!;
        await f.Client.SetStatus("reporting", "IMPORT_JOB_LAUNCHING");
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(200, (await f.Client.Send("POST", "/report", $"<CreateReport><JobName>reporting</JobName><RuntimeId>1</RuntimeId></CreateReport>")).Status);

        async Task<EmulatorReply> Report() => await f.Client.Send("GET", "/report", query: [new("version", version), new("runtimeId", "1")]);
        Assert.Equal("Running", (await Report()).Text("Status"));
        f.Emulator.Clock.Advance(TimeSpan.FromSeconds(55)); // the run ends now
        EmulatorReply justEnded = await Report();
        Assert.Equal("Running", justEnded.Text("Status"));
        Assert.Equal("", justEnded.Text("ReportEndTime"));
        f.Emulator.Clock.Advance(f.Emulator.Options.ReportDuration);
        EmulatorReply finished = await Report();
        Assert.Equal("Finished", finished.Text("Status"));
        Assert.Equal("2026-03-01T08:01:20.000Z", finished.Text("ReportEndTime"));
        Assert.Equal(N(await Result(f, "reporting"), "TotalObjectCount"), N(finished, "TotalCount"));
    }

    // ---- 7. small pages ----------------------------------------------------------------------------

    [Fact]
    public async Task MaxPageSizeMakesAClientPageThroughFiveHundredJobs()
    {
        using var f = new EmulatorFixture(o => o.MaxPageSize = 10);
        for (int i = 0; i < 500; i++) f.Emulator.AddAddress($"paged-src-{i:000}");
        for (int i = 0; i < 500; i++) Assert.Equal(200, (await f.Client.CreateJob($"paged-{i:000}", $"paged-src-{i:000}", "dest")).Status);

        async Task<(List<string> Names, int Pages)> PageThrough(string path, string element, string? count)
        {
            var names = new List<string>();
            string? marker = null;
            int pages = 0;
            do
            {
                var query = new List<KeyValuePair<string, string?>>();
                if (count is not null) query.Add(new("count", count));
                if (marker is not null) query.Add(new("marker", marker));
                EmulatorReply page = await f.Client.Send("GET", path, query: query);
                var items = page.Xml!.Elements(element).Select(e => e.Element("Name")!.Value).ToList();
                Assert.InRange(items.Count, 1, 10);
                names.AddRange(items);
                marker = page.Text("Truncated") == "true" ? page.Text("NextMarker") : null;
                pages++;
            }
            while (marker is not null && pages < 100);

            return (names, pages);
        }

        var jobs = await PageThrough("/joblist", "ImportJob", count: null);
        Assert.Equal(50, jobs.Pages);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"paged-{i:000}"), jobs.Names);
        // A count above the cap is cut to it; one below is kept.
        Assert.Equal(50, (await PageThrough("/joblist", "ImportJob", count: "1000")).Pages);
        Assert.Equal(100, (await PageThrough("/joblist", "ImportJob", count: "5")).Pages);

        var addresses = await PageThrough("/addresslist", "ImportAddress", count: "100");
        Assert.Equal(504, addresses.Names.Count); // the fixture's four and these 500
        Assert.Equal(51, addresses.Pages);
    }

    [Fact]
    public async Task MaxPageSizeAppliesToJobHistory()
    {
        using var f = new EmulatorFixture(o => o.MaxPageSize = 3);
        await f.Client.CreateJob("paged-history");
        await RunToEnd(f, "paged-history");
        await RunToEnd(f, "paged-history");
        var seen = new List<string>();
        string? marker = null;
        int pages = 0;
        do
        {
            var query = new List<KeyValuePair<string, string?>>();
            if (marker is not null) query.Add(new("marker", marker));
            EmulatorReply page = await f.Client.Send("GET", "/jobhistory/paged-history", query: query);
            seen.AddRange(page.Xml!.Elements("JobHistory").Select(h => h.Element("CommitId")!.Value));
            marker = page.Text("Truncated") == "true" ? page.Text("NextMarker") : null;
            pages++;
        }
        while (marker is not null && pages < 20);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => i.ToString(CultureInfo.InvariantCulture)), seen);
    }

    [Fact]
    public void OneCatchUpDoesBoundedWorkHoweverFarTheClockJumps()
    {
        var options = new MgwEmulatorOptions();
        var spec = new MgwJobSpec { Name = "forever", SourceAddress = "src", DestinationAddress = "dest", OverwriteMode = OverwriteMode.Always };
        var hourly = Cronos.CronExpression.Parse("0 0 * * * *", Cronos.CronFormat.IncludeSeconds);
        var job = new JobRecord(spec, Guid.NewGuid().ToString(), EmulatorFixture.Start, "1", null, options,
            (_, _) => new Workload(10, 1000, 0, 0, isRetry: false), hourly, null);

        // Ten years of hourly runs (four changes each) are far more than one catch-up does; the next one goes on.
        DateTimeOffset later = EmulatorFixture.Start.AddYears(10);
        job.Refresh(later);
        Assert.Equal(JobRecord.MaxStepsPerRefresh, job.History.Count);
        job.Refresh(later);
        Assert.Equal(2 * JobRecord.MaxStepsPerRefresh, job.History.Count);
        Assert.Equal(2 * JobRecord.MaxStepsPerRefresh / 4, job.ScheduledRuns);
    }

    // ---- options and the clock --------------------------------------------------------------------

    [Theory]
    [InlineData("FailureRate", 1.5, "FailureRate must be between 0 and 1.")]
    [InlineData("FailureRate", -0.1, "FailureRate must be between 0 and 1.")]
    [InlineData("MaxPageSize", 0, "MaxPageSize must be between 1 and 1000.")]
    [InlineData("MaxPageSize", 1001, "MaxPageSize must be between 1 and 1000.")]
    [InlineData("DeletingDuration", -1, "DeletingDuration cannot be negative.")]
    public void LifecycleOptionsAreChecked(string option, double value, string message)
    {
        var options = new MgwEmulatorOptions();
        var property = typeof(MgwEmulatorOptions).GetProperty(option)!;
        object boxed = property.PropertyType == typeof(int) ? (int)value
            : property.PropertyType == typeof(TimeSpan) ? TimeSpan.FromSeconds(value) : value;
        property.SetValue(options, boxed);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MgwEmulator(options));
        Assert.Equal(option, ex.ParamName);
        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public async Task AManualClockAcceptsRequestsSignedWithTheRealTimeAfterItMoves()
    {
        using var f = new EmulatorFixture();
        f.Client.Now = () => DateTimeOffset.UtcNow;
        Assert.Equal(200, (await f.Client.Send("GET", "/joblist")).Status);
        f.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(200, (await f.Client.Send("GET", "/joblist")).Status);

        // Far from both the manual clock and the real time: refused.
        f.Client.Now = () => DateTimeOffset.UtcNow.AddHours(1);
        EmulatorReply skewed = await f.Client.Send("GET", "/joblist");
        Assert.Equal((403, "RequestTimeTooSkewed"), (skewed.Status, skewed.Code));
    }
}
