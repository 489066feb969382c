using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using MgwTools.Core.Client;
using MgwTools.Core.Wire;
using static MgwTools.Core.Tests.ClientTestKit;

namespace MgwTools.Core.Tests;

/// <summary>
/// The response readers are tolerant as the vendor SDKs are: what cannot be typed is kept, never a failure of the
/// object or of the page. Only a body that is not XML, or lacks the expected root, is InvalidResponse.
/// </summary>
public class MgwResponseXmlTests
{
    // Every shape of issue 9 item 3 at once: unknown enum values and status, booleans written 1/0/True, time filters
    // missing a bound, unknown elements, and no optional element at all beyond the name.
    private const string OddJob =
        "<ImportJob><Name>odd-job</Name><SrcAddress>s</SrcAddress><DestAddress>d</DestAddress>" +
        "<OverwriteMode>sometimes</OverwriteMode><TransferMode>incremental</TransferMode><Audit><LogMode>verbose</LogMode></Audit>" +
        "<TargetStorageClass>GlacierDeep</TargetStorageClass><Status>IMPORT_JOB_WARMING_UP</Status>" +
        "<CreateReport>1</CreateReport><ConvertSymlinkTarget>0</ConvertSymlinkTarget><WithStorageClass>True</WithStorageClass>" +
        "<EnableMultiVersioning>1</EnableMultiVersioning>" +
        "<FilterRule><LastModifiedFilters><Includes><TimeFilter><EndTime>2025-07-04T00:00:00Z</EndTime></TimeFilter></Includes>" +
        "<Excludes><TimeFilter><StartTime>2025-07-03 00:00:00</StartTime></TimeFilter><TimeFilter></TimeFilter></Excludes></LastModifiedFilters></FilterRule>" +
        "<NewThing><Nested>whatever</Nested></NewThing><Colour>blue</Colour></ImportJob>";

    private const string PlainJob = "<ImportJob><Name>plain-job</Name></ImportJob>";

    private static MgwJob ReadJob(string xml) => MgwResponseXml.Job(XElement.Parse(xml));

    [Fact]
    public async Task GetJob_WithEveryOddShape_IsRead_KeepingTheRawValues()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(OddJob)));
        using MgwClient client = NewClient(server);

        MgwJob job = await client.GetJobAsync("odd-job");

        Assert.Equal("odd-job", job.Name);
        Assert.Null(job.OverwriteMode);
        Assert.Equal("sometimes", job.OverwriteModeText);
        Assert.Null(job.TransferMode);
        Assert.Equal("incremental", job.TransferModeText);
        Assert.Null(job.LogMode);
        Assert.Equal("verbose", job.LogModeText);
        Assert.Null(job.TargetStorageClass);
        Assert.Equal("GlacierDeep", job.TargetStorageClassText);
        Assert.Equal("IMPORT_JOB_WARMING_UP", job.Status);
        Assert.False(job.Status!.IsKnown);
        Assert.True(job.CreateReport);
        Assert.False(job.ConvertSymlinkTarget);
        Assert.True(job.WithStorageClass);
        Assert.True(job.EnableMultiVersioning);
        MgwTimeWindow include = Assert.Single(job.IncludeLastModified);
        Assert.Equal(DateTimeOffset.MinValue, include.Start);                  // open where the service sent no bound
        Assert.Equal(new DateTimeOffset(2025, 7, 4, 0, 0, 0, TimeSpan.Zero), include.End);
        MgwTimeWindow exclude = Assert.Single(job.ExcludeLastModified);       // the empty filter is not invented
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 0, 0, 0, TimeSpan.Zero), exclude.Start);
        Assert.Equal(DateTimeOffset.MaxValue, exclude.End);
        Assert.Equal("<TimeFilter />", job.UnreadValues["FilterRule/LastModifiedFilters/Excludes/TimeFilter[2]"]);
        Assert.Equal("sometimes", job.UnreadValues["OverwriteMode"]);   // every value that could not be typed is listed
        Assert.Equal(
            ["OverwriteMode", "TransferMode", "Audit/LogMode", "TargetStorageClass", "FilterRule/LastModifiedFilters/Excludes/TimeFilter[2]"],
            job.UnreadValues.Keys.ToArray());
    }

    [Fact]
    public async Task GetJob_WithOnlyAName_IsRead_EveryOtherPropertyUnset()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(PlainJob));
        using MgwClient client = NewClient(server);

        MgwJob job = await client.GetJobAsync("plain-job");

        Assert.Equal("plain-job", job.Name);
        Assert.Null(job.Status);
        Assert.Null(job.Version);
        Assert.Null(job.OverwriteMode);
        Assert.Null(job.OverwriteModeText);
        Assert.Null(job.CreateTime);
        Assert.Empty(job.IncludeKey);
        Assert.Empty(job.Tag);
        Assert.Empty(job.UnreadValues);
    }

    [Fact]
    public async Task GetJobByName_AnsweredWithAnotherJob_IsInvalidResponse_ByVersionAnyNameDoes()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(PlainJob, "REQ-OTHER"), Scripted.Ok(PlainJob));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.TryGetJobAsync("wanted-job"));
        MgwJob byVersion = await client.GetJobAsync("6af62558-970d-4f44-8663-4e297170fd6a", byVersion: true);

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Equal("REQ-OTHER", ex.Error.RequestId);
        Assert.Equal("The answer to GET /job/wanted-job could not be read: it is job 'plain-job', where job 'wanted-job' was asked for.", ex.Message);
        Assert.Equal("plain-job", byVersion.Name);
    }

    [Fact]
    public async Task ListJob_APageWithOddJobs_ListsEveryJob_AndGoesOn()
    {
        string page1 = "<ImportJobList><Truncated>True</Truncated><NextMarker>m2</NextMarker>" + OddJob + PlainJob +
                       "<ImportJob><Name>bad-numbers</Name><ImportQos><MaxBandWidth>lots</MaxBandWidth><MaxImportTaskQps>99999999999999999999</MaxImportTaskQps></ImportQos>" +
                       "<CreateTime>yesterday</CreateTime><ScheduleRule><MaxScheduleCount>ten</MaxScheduleCount></ScheduleRule><CreateReport>maybe</CreateReport></ImportJob>" +
                       "<Unknown>x</Unknown></ImportJobList>";
        string page2 = "<ImportJobList><Truncated>1</Truncated><NextMarker>m3</NextMarker>" + JobXml(SeedSpec()) + "</ImportJobList>";
        string page3 = "<ImportJobList><Truncated>0</Truncated></ImportJobList>";
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(page1)), Scripted.Ok(page2), Scripted.Ok(page3));
        using MgwClient client = NewClient(server);

        var jobs = await client.ListAllJobsAsync();

        Assert.Equal(["odd-job", "plain-job", "bad-numbers", "examplejob"], jobs.Select(j => j.Name!).ToArray());
        MgwJob bad = jobs[2];
        Assert.Null(bad.MaxBandwidth);
        Assert.Null(bad.MaxQps);
        Assert.Null(bad.CreateTime);
        Assert.Null(bad.MaxScheduleCount);
        Assert.Null(bad.CreateReport);
        Assert.Equal("lots", bad.UnreadValues["ImportQos/MaxBandWidth"]);
        Assert.Equal("99999999999999999999", bad.UnreadValues["ImportQos/MaxImportTaskQps"]);
        Assert.Equal("yesterday", bad.UnreadValues["CreateTime"]);
        Assert.Equal("ten", bad.UnreadValues["ScheduleRule/MaxScheduleCount"]);
        Assert.Equal("maybe", bad.UnreadValues["CreateReport"]);
        Assert.Equal(["/joblist", "/joblist?marker=m2", "/joblist?marker=m3"], server.Requests.Select(r => r.RawUrl).ToArray());
    }

    [Theory]
    [InlineData("<Truncated>true</Truncated><NextMarker>m</NextMarker>", true)]
    [InlineData("<Truncated>1</Truncated><NextMarker>m</NextMarker>", true)]
    [InlineData("<Truncated>yes please</Truncated><NextMarker>m</NextMarker>", true)]    // unreadable: a marker says more
    [InlineData("<Truncated>yes please</Truncated>", false)]
    [InlineData("<NextMarker>m</NextMarker>", false)]                                     // absent: no more
    [InlineData("<Truncated>false</Truncated><NextMarker>m</NextMarker>", false)]
    public void Page_PagingFieldsNeverFail(string paging, bool hasMore)
    {
        MgwPage<MgwJob> page = MgwResponseXml.JobPage(XElement.Parse("<ImportJobList>" + paging + PlainJob + "</ImportJobList>"));

        Assert.Equal(hasMore, page.HasMore);
        Assert.Single(page.Items);
    }

    [Fact]
    public void Tags_KeepCommasInValues_AndKeepUnreadablePiecesAsText()
    {
        MgwJob job = ReadJob("<ImportJob><Name>t</Name><Tags>lonely,a:1,b:x,y, :nokey</Tags></ImportJob>");

        Assert.Equal("1", job.Tag["a"]);
        Assert.Equal("x,y", job.Tag["b"]);
        Assert.Equal(2, job.Tag.Count);
        Assert.Equal("lonely,a:1,b:x,y, :nokey", job.UnreadValues["Tags"]);
    }

    [Fact]
    public void KnownValues_AreTyped_AndTheirTextIsKeptToo()
    {
        MgwJob job = ReadJob("<ImportJob><Name>k</Name><OverwriteMode>Always</OverwriteMode><TransferMode>lastmodified</TransferMode>" +
                             "<Audit><LogMode>BASIC</LogMode></Audit><TargetStorageClass>ia</TargetStorageClass><Status>import_job_doing</Status></ImportJob>");

        Assert.Equal(OverwriteMode.Always, job.OverwriteMode);
        Assert.Equal("Always", job.OverwriteModeText);
        Assert.Equal(TransferMode.LastModified, job.TransferMode);
        Assert.Equal(LogMode.Basic, job.LogMode);
        Assert.Equal(StorageClass.IA, job.TargetStorageClass);
        Assert.Equal(MgwJobStatus.Doing, job.Status);
        Assert.True(job.Status!.IsKnown);
        Assert.Empty(job.UnreadValues);
    }

    [Theory]
    [InlineData("<OverwriteMode>0</OverwriteMode>")]      // a number is no mode name
    [InlineData("<OverwriteMode>sometimes</OverwriteMode>")]
    [InlineData("<CreateReport>1</CreateReport>")]        // a request's booleans are true/false
    [InlineData("<ImportQos><MaxBandWidth>lots</MaxBandWidth></ImportQos>")]
    [InlineData("<FilterRule><LastModifiedFilters><Includes><TimeFilter><EndTime>2025-07-04T00:00:00Z</EndTime></TimeFilter></Includes></LastModifiedFilters></FilterRule>")]
    public void StrictRead_OfARequestBody_StillRefusesWhatTheAnswerReaderKeeps(string element)
    {
        var xml = XElement.Parse("<ImportJob><Name>j</Name>" + element + "</ImportJob>");

        Assert.Throws<FormatException>(() => MgwJobSpecXml.Read(xml));
        Assert.Equal("j", MgwResponseXml.Job(xml).Name);
    }

    [Fact]
    public async Task Addresses_WithOddValues_AreListed()
    {
        const string list =
            "<ImportAddressList><Truncated>false</Truncated>" +
            "<ImportAddress><Name>a1</Name><Status>avaliable</Status><CreateTime>01/05/2024</CreateTime><Extra>1</Extra>" +
            "<AddressDetail><AddressType>hologram</AddressType><Bucket>b</Bucket><AccessSecret>ADDR-SECRET</AccessSecret></AddressDetail>" +
            "<VerifyResult><HttpCode>two hundred</HttpCode></VerifyResult></ImportAddress>" +
            "<ImportAddress><Name>a2</Name></ImportAddress></ImportAddressList>";
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(list), Scripted.Ok("<VerifyAddressResponse><Status>odd</Status><VerifyTime>now</VerifyTime></VerifyAddressResponse>"));
        using MgwClient client = NewClient(server);

        var addresses = await client.ListAllAddressesAsync();
        MgwAddressVerification verified = await client.VerifyAddressAsync("a1");

        Assert.Equal(["a1", "a2"], addresses.Select(a => a.Name!).ToArray());
        Assert.Null(addresses[0].CreateTime);
        Assert.Equal("01/05/2024", addresses[0].UnreadValues["CreateTime"]);
        Assert.Equal("hologram", addresses[0].Detail.AddressType);
        Assert.Equal("two hundred", addresses[0].VerifyHttpCode);
        Assert.False(addresses[0].Detail.HasAccessSecret);
        Assert.Empty(addresses[1].UnreadValues);
        Assert.Equal("odd", verified.Status);
        Assert.Null(verified.VerifyTime);
        Assert.Equal("now", verified.UnreadValues["VerifyTime"]);
    }

    [Fact]
    public async Task History_WithOddValues_IsListed()
    {
        const string history =
            "<JobHistoryList><Truncated>false</Truncated>" +
            "<JobHistory><Name>j</Name><RuntimeId>1</RuntimeId><Status>IMPORT_JOB_SOMETHING_NEW</Status><TotalCount>5.5</TotalCount>" +
            "<StartTime>2024-05-01 12:00:00</StartTime><EndTime>later</EndTime><Whatever/></JobHistory>" +
            "<JobHistory><Name>j</Name><RuntimeId>2</RuntimeId><Status>IMPORT_JOB_FINISHED</Status></JobHistory></JobHistoryList>";
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(history));
        using MgwClient client = NewClient(server);

        MgwPage<MgwJobRun> page = await client.ListJobHistoryAsync("j");

        Assert.Equal(2, page.Items.Count);
        Assert.Equal("IMPORT_JOB_SOMETHING_NEW", page.Items[0].Status);
        Assert.Null(page.Items[0].TotalCount);
        Assert.Equal("5.5", page.Items[0].UnreadValues["TotalCount"]);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), page.Items[0].StartTime);
        Assert.Null(page.Items[0].EndTime);
        Assert.Equal("later", page.Items[0].UnreadValues["EndTime"]);
        Assert.Equal(MgwJobStatus.Finished, page.Items[1].Status);
    }

    [Fact]
    public async Task ResultAndReport_WithOddValues_AreRead()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Ok("<ImportJobResult><ReadyRetry>Perhaps</ReadyRetry><TotalObjectCount>many</TotalObjectCount><FailedObjectCount>2</FailedObjectCount><New/></ImportJobResult>"),
            Scripted.Ok("<GetReportResponse><Status>Pending</Status><TotalCount>-</TotalCount><JobEndTime>never</JobEndTime><CopiedCount>3</CopiedCount><Novel>1</Novel></GetReportResponse>"));
        using MgwClient client = NewClient(server);

        MgwJobResult result = await client.GetJobResultAsync("j", 1);
        MgwReport report = await client.GetReportAsync("v1");

        Assert.Equal("Perhaps", result.ReadyRetry);
        Assert.Null(result.TotalObjectCount);
        Assert.Equal(2, result.FailedObjectCount);
        Assert.Equal("many", result.UnreadValues["TotalObjectCount"]);
        Assert.Equal("Pending", report.Status);
        Assert.Null(report.TotalCount);
        Assert.Null(report.JobEndTime);
        Assert.Equal(3, report.CopiedCount);
        Assert.Equal("-", report.UnreadValues["TotalCount"]);
        Assert.Equal("never", report.UnreadValues["JobEndTime"]);
    }

    [Theory]
    [InlineData("ImportJobResult", "<NotAResult/>")]
    [InlineData("GetReportResponse", "plain text")]
    [InlineData("ImportAddressList", "<ImportJobList/>")]
    [InlineData("JobHistoryList", "<html/>")]
    public void EveryReader_NotXmlOrAnotherRoot_IsTheOnlyFailure(string root, string body)
    {
        Assert.ThrowsAny<Exception>(() => WireXml.Parse(body, root, 1 << 20, CancellationToken.None));
        Assert.Equal(root, WireXml.Parse("<" + root + "><Unknown/></" + root + ">", root, 1 << 20, CancellationToken.None).Name.LocalName);
    }

    [Fact]
    public async Task ADocumentType_IsRefused_NeverExpanded()
    {
        const string bomb = "<?xml version=\"1.0\"?><!DOCTYPE ImportJob [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
                            "<ImportJob><Name>&b;</Name></ImportJob>";
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(bomb));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("x"));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Contains("DTD", ex.Message);
    }

    [Fact]
    public async Task ElementsNestedTooDeep_AreRefused_BeforeTheRestIsRead()
    {
        // 100,000 levels (about 700 KB): an unbounded parser spends tens of seconds here.
        var sb = new StringBuilder("<ImportJob>");
        for (int i = 0; i < 100_000; i++) sb.Append("<a>");
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(sb.ToString()));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("x"));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Equal($"The answer to GET /job/x could not be read: elements are nested more than {WireXml.MaxDepth} levels deep.", ex.Message);
    }

    [Fact]
    public void Parse_ObservesCancellation()
    {
        var xml = "<ImportJobList>" + string.Concat(Enumerable.Repeat(PlainJob, 10)) + "</ImportJobList>";

        Assert.Throws<OperationCanceledException>(() => WireXml.Parse(xml, "ImportJobList", 1 << 20, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Parse_RefusesMoreCharactersThanAllowed()
    {
        var xml = "<ImportJobList>" + string.Concat(Enumerable.Repeat(PlainJob, 100)) + "</ImportJobList>";

        Assert.ThrowsAny<System.Xml.XmlException>(() => WireXml.Parse(xml, "ImportJobList", 1000, CancellationToken.None));
        Assert.Equal(100, WireXml.Parse(xml, "ImportJobList", xml.Length, CancellationToken.None).Elements().Count());
    }
}
