using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using static MgwTools.Core.Tests.ClientTestKit;

namespace MgwTools.Core.Tests;

public class MgwClientTests
{
    private static readonly DateTimeOffset VectorTime = new(2024, 6, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateJob_SeedExample_SendsExactlyTheDocumentedRequest()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok());
        using MgwClient client = NewClient(server, sts: false, tweak: o =>
        {
            o.Clock = () => VectorTime;
            o.Credentials = new MgwCredentials("ak", "sk", null, "Explicit");
        });

        await client.CreateJobAsync(SeedSpec());

        RecordedRequest r = Assert.Single(server.Requests);
        Assert.Equal("POST", r.Method);
        Assert.Equal("/job", r.RawUrl);
        Assert.Equal(Encoding.UTF8.GetBytes(SeedBody), r.Body); // exact bytes, no BOM, no declaration
        Assert.Equal("application/xml", r.Header("Content-Type"));
        Assert.Equal("wvYEHevq4TwDVLPF+lf6bg==", r.Header("Content-MD5"));
        Assert.Equal(Convert.ToBase64String(MD5.HashData(r.Body)), r.Header("Content-MD5"));
        Assert.Equal(r.Body.Length.ToString(), r.Header("Content-Length"));
        Assert.Equal("20240626T120000Z", r.Header("x-oss-date"));
        Assert.Equal("UNSIGNED-PAYLOAD", r.Header("x-oss-content-sha256"));
        Assert.Null(r.Header("x-oss-security-token"));
        Assert.Equal(server.Endpoint.Authority, r.Header("Host"));
        // mgw-api §3.5(b) vector 1, byte for byte.
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/oss/aliyun_v4_request, Signature=558df9719d734f2fe17f1b46e41dbcded4c51771d9da3188da6803e09b1abf12",
            r.Header("Authorization"));
        Assert.NotNull(r.Header("Date"));
        Assert.StartsWith("MgwTools/", r.Header("User-Agent"));
        string[] allowed = ["Host", "Content-Type", "Content-MD5", "Content-Length", "x-oss-date", "x-oss-content-sha256", "Authorization", "Date", "User-Agent"];
        Assert.DoesNotContain(r.Headers.Keys, k => !allowed.Contains(k, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CreateJob_WithSts_SignsTheTokenAndTheServerCanVerify()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok());
        using MgwClient client = NewClient(server);

        await client.CreateJobAsync(SeedSpec());

        RecordedRequest r = Assert.Single(server.Requests);
        Assert.Equal(Token, r.Header("x-oss-security-token"));
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", r.Header("x-oss-date")!);
        Assert.Equal(ExpectedAuthorization(r), r.Header("Authorization"));
        // Signed with a different token, the signature no longer matches: the token is part of it.
        r.Headers["x-oss-security-token"] = "other";
        Assert.NotEqual(ExpectedAuthorization(r), r.Header("Authorization"));
    }

    [Fact]
    public async Task GetJobResult_SendsSubResourceAsEmptyValue_SignsItBare()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(
            "<ImportJobResult><ReadyRetry>Ready</ReadyRetry><Version>v1</Version><AddressType>ossinv</AddressType><InvBucket>b</InvBucket>" +
            "<InvAccessId>id</InvAccessId><InvAccessSecret>INV-SECRET</InvAccessSecret><TotalObjectCount>10</TotalObjectCount><FailedObjectCount>2</FailedObjectCount></ImportJobResult>")));
        using MgwClient client = NewClient(server, sts: false, tweak: o =>
        {
            o.Clock = () => VectorTime;
            o.Credentials = new MgwCredentials("ak", "sk", null, "Explicit");
        });

        MgwJobResult result = await client.GetJobResultAsync("examplejob", 2);

        RecordedRequest r = Assert.Single(server.Requests);
        Assert.Equal("/job/examplejob?jobResult=&runtimeId=2", r.RawUrl);
        Assert.Null(r.Header("Content-Type"));
        Assert.EndsWith("Signature=701dabb3054c9c525d5dfee987af47475ee57166b98f07c9314eeea402892ca2", r.Header("Authorization"));
        Assert.Equal("Ready", result.ReadyRetry);
        Assert.Equal(2, result.FailedObjectCount);
        Assert.Equal(2, result.RuntimeId);
        Assert.True(result.HasInvAccessSecret);
        Assert.DoesNotContain("INV-SECRET", JsonSerializer.Serialize(result));
        Assert.DoesNotContain("INV-SECRET", JsonSerializer.Serialize(result.ToAddressDetail()));
        Assert.True(result.ToAddressDetail().HasInvAccessSecret);
    }

    [Fact]
    public async Task UpdateJobStatus_Launch_MatchesVector3()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok());
        using MgwClient client = NewClient(server, sts: false, tweak: o =>
        {
            o.Clock = () => VectorTime;
            o.Credentials = new MgwCredentials("ak", "sk", null, "Explicit");
        });

        await client.UpdateJobStatusAsync("examplejob", MgwJobStatusChange.Launch);

        RecordedRequest r = Assert.Single(server.Requests);
        Assert.Equal("PUT", r.Method);
        Assert.Equal("<ImportJob><Status>IMPORT_JOB_LAUNCHING</Status></ImportJob>", r.BodyText);
        Assert.Equal("s97qv0XAGX7WxtMIcNo20g==", r.Header("Content-MD5"));
        Assert.EndsWith("Signature=7ff28eb881f571c2c5650ad1a157b35fc37f08eca677cadec67c2967e9f3580e", r.Header("Authorization"));
    }

    [Fact]
    public async Task EveryOperation_HitsItsPathAndMethod_AndVerifies()
    {
        using var server = new LoopbackServer();
        string job = JobXml(SeedSpec());
        server.Enqueue(
            Scripted.Ok(Doc(job)),                                                                   // GetJob byVersion
            Scripted.Ok(),                                                                           // UpdateJobQos
            Scripted.Empty(204),                                                                     // DeleteJob
            Scripted.Ok(Doc("<JobHistoryList><Truncated>false</Truncated><JobHistory><Name>examplejob</Name><RuntimeId>1</RuntimeId><Status>IMPORT_JOB_FINISHED</Status><StartTime>2024-05-01 12:00:00</StartTime><TotalCount>5</TotalCount></JobHistory></JobHistoryList>")),
            Scripted.Ok(),                                                                           // CreateReport
            Scripted.Ok(Doc("<GetReportResponse><Status>Finished</Status><TotalCount>5</TotalCount><ReportEndTime>2025-07-04T06:02:21Z</ReportEndTime></GetReportResponse>")),
            Scripted.Ok(),                                                                           // CreateAddress
            Scripted.Ok(Doc("<ImportAddress><Name>src one</Name><AddressDetail><AddressType>oss</AddressType><Bucket>b</Bucket><AccessSecret>ADDR-SECRET</AccessSecret></AddressDetail><Status>avaliable</Status><CreateTime>2024-05-01T12:00:00.000Z</CreateTime><VerifyResult><HttpCode>200</HttpCode></VerifyResult></ImportAddress>")),
            Scripted.Ok(),                                                                           // UpdateAddress
            Scripted.Empty(204),                                                                     // DeleteAddress
            Scripted.Ok(Doc("<VerifyAddressResponse><Status>available</Status><VerifyTime>2024-05-01 12:00:00</VerifyTime></VerifyAddressResponse>")));
        using MgwClient client = NewClient(server);

        MgwJob byVersion = await client.GetJobAsync("6af62558-970d-4f44-8663-4e297170fd6a", byVersion: true);
        await client.UpdateJobQosAsync("examplejob", 1073741824, null);
        await client.DeleteJobAsync("examplejob", forceDelete: true);
        MgwPage<MgwJobRun> history = await client.ListJobHistoryAsync("examplejob", count: 10);
        await client.CreateReportAsync("examplejob", null, 1);
        MgwReport report = await client.GetReportAsync("v1", 1);
        var detail = new MgwAddressDetail { AddressType = "oss", Bucket = "b", RegionId = "oss-cn-beijing", Role = "r" };
        detail.SetAccessKey(null, "ADDR-SECRET");
        await client.CreateAddressAsync("src one", detail, "k:v");
        MgwAddress address = await client.GetAddressAsync("src one");
        await client.UpdateAddressAsync("src one", "agent1,agent2");
        await client.DeleteAddressAsync("src one");
        MgwAddressVerification verified = await client.VerifyAddressAsync("src one");

        var r = server.Requests;
        Assert.Equal(11, r.Count);
        Assert.Equal(
            [
                "GET /job/6af62558-970d-4f44-8663-4e297170fd6a?byVersion=true",
                "PUT /job/examplejob",
                "DELETE /job/examplejob?forceDelete=true",
                "GET /jobhistory/examplejob?count=10",
                "POST /report",
                "GET /report?version=v1&runtimeId=1",
                "POST /address",
                "GET /address/src%20one",
                "PUT /address/src%20one",
                "DELETE /address/src%20one",
                "GET /address/src%20one?verify=",
            ],
            r.Select(x => x.Method + " " + x.RawUrl).ToArray());
        Assert.All(r, x => Assert.Equal(ExpectedAuthorization(x), x.Header("Authorization")));
        Assert.Equal("<ImportJob><ImportQos><MaxBandWidth>1073741824</MaxBandWidth></ImportQos></ImportJob>", r[1].BodyText);
        Assert.Equal("<CreateReport><JobName>examplejob</JobName><RuntimeId>1</RuntimeId></CreateReport>", r[4].BodyText);
        Assert.Equal(
            "<ImportAddress><Name>src one</Name><Tags>k:v</Tags><AddressDetail><AddressType>oss</AddressType><Bucket>b</Bucket><AccessSecret>ADDR-SECRET</AccessSecret><RegionId>oss-cn-beijing</RegionId><Role>r</Role></AddressDetail></ImportAddress>",
            r[6].BodyText);
        Assert.Equal("<ImportAddress><AgentList>agent1,agent2</AgentList></ImportAddress>", r[8].BodyText);

        Assert.Equal("examplejob", byVersion.Name);
        Assert.Equal(5, Assert.Single(history.Items).TotalCount);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), history.Items[0].StartTime);
        Assert.Equal("Finished", report.Status);
        Assert.Equal(new DateTimeOffset(2025, 7, 4, 6, 2, 21, TimeSpan.Zero), report.ReportEndTime);
        Assert.Equal("b", address.Detail.Bucket);
        Assert.False(address.Detail.HasAccessSecret); // a secret in a response is dropped
        Assert.Equal("200", address.VerifyHttpCode);
        Assert.DoesNotContain("ADDR-SECRET", JsonSerializer.Serialize(detail));
        Assert.DoesNotContain("ADDR-SECRET", detail.ToString());
        Assert.Equal("available", verified.Status);
    }

    [Fact]
    public async Task GetJob_ReadsEveryField_AndBothTimeFormats()
    {
        MgwJobSpec spec = SeedSpec();
        spec.MaxQps = 100;
        spec.Tag["team"] = "data";
        spec.IncludeKey.Add("^logs/");
        spec.StartCron = "0 0 2 * * ?";
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(Doc(JobXml(spec).Replace("</ImportJob>", "<ParentName>parent</ParentName></ImportJob>"))));
        using MgwClient client = NewClient(server);

        MgwJob job = await client.GetJobAsync("examplejob");

        Assert.Equal("/job/examplejob", Assert.Single(server.Requests).RawUrl);
        Assert.Equal("examplejob", job.Name);
        Assert.Equal(job.Name, job.JobName);
        Assert.Equal("examplesrc", job.SrcAddr);
        Assert.Equal("exampledest", job.DestAddr);
        Assert.Equal("6af62558-970d-4f44-8663-4e297170fd6a", job.Version);
        Assert.Equal("IMPORT_JOB_BEGIN", job.Status);
        Assert.Equal(AccountId, job.Owner);
        Assert.Equal("parent", job.ParentName);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), job.CreateTime);
        Assert.Equal(new DateTimeOffset(2025, 7, 4, 6, 2, 21, TimeSpan.Zero), job.ModifyTime);
        Assert.Equal(100, job.MaxQps);
        Assert.Equal("data", job.Tag["team"]);
        Assert.Equal("^logs/", Assert.Single(job.IncludeKey));
        Assert.Empty(spec.DifferingFields(job.ToSpec()));
        job.Row = 3;
        Assert.Equal(3, job.Row);
    }

    [Theory]
    [InlineData("2024-05-01 12:00:00", "2024-05-01T12:00:00Z")]
    [InlineData("2025-07-04T06:02:21.000Z", "2025-07-04T06:02:21Z")]
    [InlineData("2025-07-04T06:02:21Z", "2025-07-04T06:02:21Z")]
    [InlineData("2025-07-04T06:02:21.5+08:00", "2025-07-03T22:02:21.5Z")]
    public async Task ServiceTimes_ParseInEitherFormat(string wire, string expected)
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(JobXml(SeedSpec(), createTime: wire)));
        using MgwClient client = NewClient(server);

        MgwJob job = await client.GetJobAsync("examplejob");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), job.CreateTime);
    }

    [Fact]
    public async Task ErrorWithXmlBody_BecomesMgwError()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Error(404, "NoSuchImportJob", "The specified import job does not exist", "6969D3BD5CCFC933302EC1A4", ec: "0026-00000001", recommend: "https://api.aliyun.com/troubleshoot"));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("nope"));

        Assert.Equal("NoSuchImportJob", ex.Error.Code);
        Assert.Equal("The specified import job does not exist", ex.Error.Message);
        Assert.Equal(ex.Error.Message, ex.Message);
        Assert.Equal(404, ex.Error.StatusCode);
        Assert.Equal("6969D3BD5CCFC933302EC1A4", ex.Error.RequestId);
        Assert.Equal("1234567890123456.cn-hangzhou.mgw.aliyuncs.com", ex.Error.HostId);
        Assert.Equal("0026-00000001", ex.Error.EcCode);
        Assert.Equal("https://api.aliyun.com/troubleshoot", ex.Error.Recommend);
        Assert.True(ex.Error.IsServiceError);
    }

    [Fact]
    public async Task ErrorWithEmptyBody_UsesStatusAndHeaders()
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Empty(403, "REQ-403", "0003-00000001"));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("x"));

        Assert.Equal("403", ex.Error.Code);
        Assert.Equal(403, ex.Error.StatusCode);
        Assert.Equal("REQ-403", ex.Error.RequestId);
        Assert.Equal("0003-00000001", ex.Error.EcCode);
        Assert.Equal("The service answered HTTP 403 (Forbidden) with no error body.", ex.Error.Message);
    }

    [Fact]
    public async Task ErrorWithNonXmlBody_UsesStatus()
    {
        using var server = new LoopbackServer().Enqueue(new Scripted { Status = 400, Body = "<html>bad gateway</html" });
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("x"));

        Assert.Equal("400", ex.Error.Code);
        Assert.Contains("not an error document", ex.Error.Message);
    }

    [Theory]
    [InlineData("<html><body>Sign in</body></html>", "expected <ImportJob>, got <html>.")]
    [InlineData("Service temporarily moved", "Data at the root level is invalid")]
    [InlineData("", "Root element is missing")]
    [InlineData("<ImportJob><Name>x</Name>", "Unexpected end of file")]
    public async Task ASuccessBodyThatIsNotXml_OrHasAnotherRoot_IsInvalidResponse(string body, string detail)
    {
        using var server = new LoopbackServer().Enqueue(Scripted.Ok(body, "REQ-BAD"));
        using MgwClient client = NewClient(server);

        var ex = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("x"));

        Assert.Equal(MgwErrorCodes.InvalidResponse, ex.Error.Code);
        Assert.Equal(MgwErrorKind.InvalidResponse, ex.Error.Kind);
        Assert.Equal("REQ-BAD", ex.Error.RequestId);
        Assert.Equal(200, ex.Error.StatusCode);
        Assert.StartsWith("The answer to GET /job/x could not be read: ", ex.Message);
        Assert.Contains(detail, ex.Message);
        Assert.Single(server.Requests);   // not retried: another attempt would get the same page
    }

    [Fact]
    public async Task ListAllJobs_FollowsNextMarker()
    {
        MgwJobSpec a = SeedSpec(), b = SeedSpec(), c = SeedSpec();
        a.Name = "job-a";
        b.Name = "job-b";
        c.Name = "job-c";
        using var server = new LoopbackServer().Enqueue(
            Scripted.Ok(Doc("<ImportJobList><Truncated>true</Truncated><NextMarker>job-b</NextMarker>" + JobXml(a) + JobXml(b) + "</ImportJobList>")),
            Scripted.Ok(Doc("<ImportJobList><Truncated>false</Truncated><NextMarker></NextMarker>" + JobXml(c) + "</ImportJobList>")));
        using MgwClient client = NewClient(server);

        var jobs = await client.ListAllJobsAsync(parentName: "p", all: true, pageSize: 2);

        Assert.Equal(["job-a", "job-b", "job-c"], jobs.Select(j => j.Name!).ToArray());
        Assert.Equal(["/joblist?count=2&parentName=p&all=true", "/joblist?marker=job-b&count=2&parentName=p&all=true"], server.Requests.Select(r => r.RawUrl).ToArray());
    }

    [Fact]
    public async Task ListAddresses_OnePage_ReportsTruncation()
    {
        using var server = new LoopbackServer().Enqueue(
            Scripted.Ok(Doc("<ImportAddressList><Truncated>true</Truncated><NextMarker>m2</NextMarker><ImportAddress><Name>a1</Name></ImportAddress></ImportAddressList>")),
            Scripted.Ok(Doc("<ImportAddressList><Truncated>false</Truncated><ImportAddress><Name>a2</Name></ImportAddress></ImportAddressList>")));
        using MgwClient client = NewClient(server);

        MgwPage<MgwAddress> page = await client.ListAddressesAsync(count: 1);
        Assert.True(page.HasMore);
        Assert.Equal("m2", page.NextMarker);
        var all = await client.ListAllAddressesAsync(1);
        Assert.Equal(["a2"], all.Select(x => x.Name!).ToArray()); // the fixture's next answer is page 2 only

        Assert.Equal("/addresslist?count=1", server.Requests[0].RawUrl);
    }

    [Theory]
    [InlineData("http://example.com/", MgwErrorCodes.InsecureEndpoint)]
    [InlineData("http://10.0.0.1:8080/", MgwErrorCodes.InsecureEndpoint)]
    [InlineData("http://1234567890123456.cn-hangzhou.mgw.aliyuncs.com/", MgwErrorCodes.InsecureEndpoint)]
    [InlineData("ftp://127.0.0.1/", MgwErrorCodes.InvalidEndpoint)]
    // The one endpoint policy (EndpointPolicy.Check), as Connect-Mgw applies it: scheme and host only.
    [InlineData("https://cn-hangzhou.mgw-internal.aliyuncs.com/some/path", MgwErrorCodes.InvalidEndpoint)]
    [InlineData("https://key:secret@cn-hangzhou.mgw.aliyuncs.com/", MgwErrorCodes.InvalidEndpoint)]
    [InlineData("https://cn-hangzhou.mgw.aliyuncs.com/?x=1", MgwErrorCodes.InvalidEndpoint)]
    public void PlainHttp_ToANonLoopbackHost_IsRefused(string endpoint, string code)
    {
        var options = new MgwClientOptions
        {
            Endpoint = new Uri(endpoint),
            AccountId = AccountId,
            Region = Region,
            Credentials = new MgwCredentials(KeyId, Secret, null, "Explicit"),
        };

        var ex = Assert.Throws<MgwException>(() => new MgwClient(options));

        Assert.Equal(code, ex.Error.Code);
        Assert.Equal("Endpoint", ex.Error.Field);
        Assert.False(ex.Error.IsServiceError);
        Assert.DoesNotContain("secret", ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/")]
    [InlineData("http://127.8.9.10/", "http://127.8.9.10/")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/")]
    [InlineData("http://[::1]:5000/", "http://[::1]:5000/")]
    [InlineData("https://cn-hangzhou.mgw.aliyuncs.com", "https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com/")]
    [InlineData("https://cn-hangzhou.mgw-internal.aliyuncs.com/", "https://1234567890123456.cn-hangzhou.mgw-internal.aliyuncs.com/")]
    [InlineData("https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com", "https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com/")]
    public void Endpoints_ResolveWithTheAccountPrefixRule(string endpoint, string expected)
    {
        var options = new MgwClientOptions
        {
            Endpoint = new Uri(endpoint),
            AccountId = AccountId,
            Region = Region,
            Credentials = new MgwCredentials(KeyId, Secret, null, "Explicit"),
        };

        using var client = new MgwClient(options);

        Assert.Equal(new Uri(expected), client.Endpoint);
    }

    [Fact]
    public void DefaultEndpoint_IsAccountDotRegion()
    {
        Assert.Equal(new Uri("https://1234567890123456.ap-southeast-1.mgw.aliyuncs.com/"), MgwClientOptions.DefaultEndpoint(AccountId, "ap-southeast-1"));
        using var client = new MgwClient(new MgwClientOptions { AccountId = AccountId, Region = Region, Credentials = new MgwCredentials(KeyId, Secret, null, "Explicit") });
        Assert.Equal(new Uri("https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com/"), client.Endpoint);
    }

    [Theory]
    [InlineData("", Region, true, "AccountId")]
    [InlineData(AccountId, "", true, "Region")]
    [InlineData(AccountId, Region, false, "Credentials")]
    public void MissingSettings_AreMissingValue(string account, string region, bool credentials, string field)
    {
        var options = new MgwClientOptions
        {
            AccountId = account,
            Region = region,
            Credentials = credentials ? new MgwCredentials(KeyId, Secret, null, "Explicit") : null,
        };

        var ex = Assert.Throws<MgwException>(() => new MgwClient(options));

        Assert.Equal(MgwErrorCodes.MissingValue, ex.Error.Code);
        Assert.Equal(field, ex.Error.Field);
    }

    [Fact]
    public async Task VerboseLines_HaveTheFacts_AndNoSecrets()
    {
        var log = new ConcurrentQueue<string>();
        using var server = new LoopbackServer().Enqueue(Scripted.Error(503, "ServiceUnavailable", requestId: "REQ-503"), Scripted.Ok(Doc(JobXml(SeedSpec())), "REQ-200"));
        using MgwClient client = NewClient(server, log);

        await client.GetJobAsync("examplejob");

        string[] lines = log.ToArray();
        Assert.Matches(@"^MGW GET /job/examplejob -> 503 ServiceUnavailable \(request REQ-503; attempt 1/4; \d+ ms\)$", lines[0]);
        Assert.Matches(@"^MGW GET /job/examplejob: retrying in \d+ ms \(attempt 2/4 next\)$", lines[1]);
        Assert.Matches(@"^MGW GET /job/examplejob -> 200 \(request REQ-200; attempt 2/4; \d+ ms\)$", lines[2]);
        AssertNoSecrets(lines);
    }

    [Fact]
    public async Task NoSecretInLogsOrErrors_OnAnyFailureShape()
    {
        var log = new ConcurrentQueue<string>();
        using var server = new LoopbackServer().Enqueue(
            Scripted.Dropped(), Scripted.Dropped(), Scripted.Dropped(), Scripted.Dropped(),
            Scripted.Error(403, "SignatureDoesNotMatch"),
            Scripted.Slow(TimeSpan.FromSeconds(5)));
        using MgwClient client = NewClient(server, log, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(3000));

        var dropped = await Assert.ThrowsAsync<MgwException>(() => client.GetJobAsync("a"));
        var denied = await Assert.ThrowsAsync<MgwException>(() => client.CreateJobAsync(SeedSpec()));
        using MgwClient once = NewClient(server, log, o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(3000); o.MaxRetries = 0; });
        var slow = await Assert.ThrowsAsync<MgwException>(() => once.GetJobAsync("b"));

        Assert.Equal(MgwErrorCodes.ConnectionFailed, dropped.Error.Code);
        Assert.Equal(MgwErrorCodes.RequestTimeout, slow.Error.Code);
        foreach (MgwException ex in new[] { dropped, denied, slow })
        {
            AssertNoSecrets([ex.ToString(), ex.Error.ToString(), JsonSerializer.Serialize(ex.Error)]);
        }

        AssertNoSecrets(log.ToArray());
    }

    [Theory]
    [InlineData("token", "STS-TOKEN\nInjected: yes", "x-oss-security-token", "The STS security token contains a control character (U+000A, at position 10)")]
    [InlineData("token", "STS-TOKEN\u00e9", "x-oss-security-token", "The STS security token contains a character outside printable ASCII (U+00E9, at position 10)")]
    [InlineData("key", "LTAI\r\nX-Evil: 1", "Authorization", "The AccessKey ID contains a control character (U+000D, at position 5)")]
    [InlineData("key", "LTAI\u0000key", "Authorization", "The AccessKey ID contains a control character (U+0000, at position 5)")]
    [InlineData("region", "cn-hangzhou\t", "Authorization", "The region contains a control character (U+0009, at position 12)")]
    public void AHeaderValueWithAForbiddenCharacter_IsRefused_BeforeAnythingIsSent_WithoutEchoingIt(string what, string value, string header, string message)
    {
        using var server = new LoopbackServer();
        var ex = Assert.Throws<MgwException>(() => NewClient(server, tweak: o =>
        {
            // The credential readers refuse these values first (CredentialRules); the client must refuse them anyway.
            if (what == "token") o.Credentials = MgwCredentials.Unchecked(KeyId, Secret, value, "Explicit");
            if (what == "key") o.Credentials = MgwCredentials.Unchecked(value, Secret, null, "Explicit");
            if (what == "region") o.Region = value;
        }));

        Assert.Equal(MgwErrorCodes.InvalidHeaderValue, ex.Error.Code);
        Assert.Equal(header, ex.Error.Field);
        Assert.Equal(MgwErrorKind.Credentials, ex.Error.Kind);   // every request would carry it: a bulk run stops
        Assert.Null(ex.Error.Value);
        Assert.StartsWith(message + ", which cannot be sent in the " + header + " header; nothing was sent.", ex.Message);
        Assert.DoesNotContain(value, ex.ToString());
        Assert.DoesNotContain(value.Substring(0, 4), ex.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void TheHeaderCheck_AcceptsEveryPrintableAsciiCharacter()
    {
        string printable = new(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).ToArray());
        MgwTools.Core.Signing.OssV4Signer.CheckHeaderValue("x-oss-security-token", "the STS security token", printable);
        MgwTools.Core.Signing.OssV4Signer.CheckHeaderValue("x-oss-security-token", "the STS security token", null);
        var ex = Assert.Throws<MgwException>(() => MgwTools.Core.Signing.OssV4Signer.CheckHeaderValue("x-oss-date", "the date", "\u007F"));
        Assert.Contains("(U+007F, at position 1)", ex.Message);
    }

    [Theory]
    [InlineData("/job/a/../b")]
    [InlineData("/job/./b")]
    [InlineData("/job/..")]
    public void APathTheHttpStackWouldNormalise_IsRefused_NeverSentUnlikeItIsSigned(string path)
    {
        var call = new MgwClient.MgwCall(System.Net.Http.HttpMethod.Get, path);

        var ex = Assert.Throws<MgwException>(() => MgwClient.BuildUri("http://127.0.0.1:5000", call));

        Assert.Equal(MgwErrorCodes.InvalidName, ex.Error.Code);
        Assert.StartsWith($"The request path '{path}' would be sent as '", ex.Message);
        Assert.Contains("not as it is signed; nothing was sent.", ex.Message);
    }

    [Theory]
    [InlineData("/job/src one", "/job/src%20one")]
    [InlineData("/job/中文", "/job/%E4%B8%AD%E6%96%87")]
    [InlineData("/job/a...b~c", "/job/a...b~c")]
    public void APathAsSigned_IsTheUriPath(string path, string expected)
    {
        Uri uri = MgwClient.BuildUri("http://127.0.0.1:5000", new MgwClient.MgwCall(System.Net.Http.HttpMethod.Get, path));

        Assert.Equal(expected, uri.AbsolutePath);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("nightly%2F")]
    public async Task EveryOperation_RefusesANameThatCannotBeAPathSegment(string name)
    {
        using var server = new LoopbackServer();
        using MgwClient client = NewClient(server);

        var calls = new Func<Task>[]
        {
            () => client.GetJobAsync(name),
            () => client.TryGetJobAsync(name),
            () => client.UpdateJobStatusAsync(name, MgwJobStatusChange.Suspend),
            () => client.UpdateJobQosAsync(name, 1, null),
            () => client.DeleteJobAsync(name),
            () => client.GetJobResultAsync(name, 1),
            () => client.ListJobHistoryAsync(name),
            () => client.CreateAddressAsync(name, new MgwAddressDetail()),
            () => client.GetAddressAsync(name),
            () => client.UpdateAddressAsync(name, "a"),
            () => client.DeleteAddressAsync(name),
            () => client.VerifyAddressAsync(name),
        };
        foreach (Func<Task> call in calls)
        {
            var ex = await Assert.ThrowsAsync<MgwException>(call);
            Assert.Equal(MgwErrorCodes.InvalidName, ex.Error.Code);
        }

        Assert.Empty(server.Requests);
    }

    [Fact]
    public void FromContext_CarriesTheContext_AndTheDefaults()
    {
        var credentials = new MgwCredentials(KeyId, Secret, Token, "Explicit");
        var context = new MgwContext(AccountId, Region, new Uri("http://127.0.0.1:5000/"), credentials, "UTC");

        MgwClientOptions options = MgwClientOptions.FromContext(context);

        Assert.Equal(new Uri("http://127.0.0.1:5000/"), options.Endpoint);
        Assert.Equal(AccountId, options.AccountId);
        Assert.Equal(Region, options.Region);
        Assert.Same(credentials, options.Credentials);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(16L * 1024 * 1024, options.MaxResponseBytes);
    }

    internal static void AssertNoSecrets(string[] texts)
    {
        foreach (string text in texts)
        {
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain(Token, text);
            Assert.DoesNotContain("OSS4-HMAC-SHA256", text);
            Assert.DoesNotContain("Signature=", text);
        }
    }
}
