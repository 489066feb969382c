using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using MgwTools.Core.Wire;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

public class EmulatorServiceTests
{
    [Fact]
    public async Task StartsOnAFreeLoopbackPortAndCreatesAJob()
    {
        using var f = new EmulatorFixture();
        Assert.Equal("127.0.0.1", f.Emulator.Endpoint.Host);
        Assert.True(f.Emulator.Port > 0);

        EmulatorReply create = await f.Client.CreateJob("examplejob");
        Assert.Equal(200, create.Status);
        Assert.Equal("", create.Body);
        Assert.Matches("^[0-9A-F]{24}$", create.RequestId);

        EmulatorReply get = await f.Client.GetJob("examplejob");
        Assert.Equal(200, get.Status);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><ImportJob>", get.Body);
        Assert.Equal("IMPORT_JOB_BEGIN", get.Text("Status"));
        Assert.True(Guid.TryParse(get.Text("Version"), out _));
        Assert.Equal("2026-03-01T08:00:00.000Z", get.Text("CreateTime"));
        Assert.Equal("2026-03-01T08:00:00.000Z", get.Text("ModifyTime"));
        Assert.Equal(f.Emulator.AccountId, get.Text("Owner"));
        Assert.Equal("src", get.Text("SrcAddress"));
        Assert.Equal("dest", get.Text("DestAddress"));
        Assert.Equal("always", get.Text("OverwriteMode"));
        Assert.Equal("all", get.Text("TransferMode"));
        Assert.Equal(1, f.Emulator.JobCount);
        Assert.Equal("examplejob", f.Emulator.Jobs.Single().Name);

        // byVersion: the path segment is the job ID.
        EmulatorReply byVersion = await f.Client.Send("GET", "/job/" + get.Text("Version"), query: [new("byVersion", "true")]);
        Assert.Equal("examplejob", byVersion.Text("Name"));
    }

    [Fact]
    public async Task GetJobAndListJob_ShowTheThrottlingSetAfterAnEarlierRead()
    {
        using var f = new EmulatorFixture();
        await f.Client.CreateJob("examplejob", extra: "<ImportQos><MaxBandWidth>1000000</MaxBandWidth></ImportQos>");
        static string? Qos(EmulatorReply reply, string name) => reply.Xml?.Element("ImportQos")?.Element(name)?.Value;
        Assert.Equal("1000000", Qos(await f.Client.GetJob("examplejob"), "MaxBandWidth"));   // the answer's spec part is kept from here on

        EmulatorReply update = await f.Client.Send("PUT", "/job/examplejob",
            "<ImportJob><ImportQos><MaxBandWidth>2000000</MaxBandWidth><MaxImportTaskQps>50</MaxImportTaskQps></ImportQos></ImportJob>");
        Assert.Equal(200, update.Status);

        EmulatorReply get = await f.Client.GetJob("examplejob");
        Assert.Equal("2000000", Qos(get, "MaxBandWidth"));
        Assert.Equal("50", Qos(get, "MaxImportTaskQps"));
        EmulatorReply list = await f.Client.Send("GET", "/joblist");
        Assert.Contains("<MaxBandWidth>2000000</MaxBandWidth><MaxImportTaskQps>50</MaxImportTaskQps>", list.Body);
    }

    [Fact]
    public async Task TheFullSpecRoundTripsThroughGetJob()
    {
        using var f = new EmulatorFixture();
        MgwJobSpec spec = MgwJobSpecXmlTests.Full();
        spec.ParentVersion = null;
        spec.SourceAddress = "src";
        spec.DestinationAddress = "dest";
        Assert.Equal(200, (await f.Client.Send("POST", "/job", MgwJobSpecXml.Write(spec))).Status);

        EmulatorReply get = await f.Client.GetJob(spec.Name!);
        MgwJobSpec back = MgwJobSpecXml.Read(get.Xml!);
        Assert.Empty(spec.DifferingFields(back));
    }

    [Fact]
    public async Task EveryResponseCarriesARequestIdAndErrorsHaveTheServiceShape()
    {
        using var f = new EmulatorFixture();
        EmulatorReply missing = await f.Client.GetJob("nosuchjob");
        Assert.Equal(404, missing.Status);
        Assert.Equal("NoSuchImportJob", missing.Code);
        Assert.Equal("The specified import job does not exist", missing.Text("Message")!.TrimEnd('.'));
        Assert.Equal(missing.RequestId, missing.Text("RequestId"));
        Assert.Equal($"127.0.0.1:{f.Emulator.Port}", missing.Text("HostId"));
        Assert.NotNull(missing.Xml!.Element("EC"));
    }

    [Fact]
    public async Task UnknownAccessKeyIsRefused()
    {
        using var f = new EmulatorFixture();
        f.Client.KeyId = "LTAInosuchkey";
        EmulatorReply r = await f.Client.GetJob("x");
        Assert.Equal((403, "InvalidAccessKeyId"), (r.Status, r.Code));
    }

    [Fact]
    public async Task WrongSecretOrTamperedRequestDoesNotMatch()
    {
        using var f = new EmulatorFixture();
        f.Client.Secret = "not-the-secret";
        EmulatorReply wrongSecret = await f.Client.GetJob("x");
        Assert.Equal((403, "SignatureDoesNotMatch"), (wrongSecret.Status, wrongSecret.Code));
        Assert.DoesNotContain(f.Emulator.AccessKeySecret, wrongSecret.Body);

        f.Client.Secret = f.Emulator.AccessKeySecret;
        // Signed for /job/x, sent to /job/y.
        EmulatorReply tampered = await f.Client.Send("GET", "/job/x", tweak: m => m.RequestUri = new Uri(m.RequestUri!.ToString().Replace("/job/x", "/job/y")));
        Assert.Equal((403, "SignatureDoesNotMatch"), (tampered.Status, tampered.Code));

        // Signed for another region.
        f.Client.Region = "cn-beijing";
        EmulatorReply region = await f.Client.GetJob("x");
        Assert.Equal((403, "SignatureDoesNotMatch"), (region.Status, region.Code));
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public async Task SkewedDateIsRefused(int minutes)
    {
        using var f = new EmulatorFixture();
        f.Client.Now = () => f.Emulator.Clock.UtcNow.AddMinutes(minutes);
        EmulatorReply r = await f.Client.GetJob("x");
        Assert.Equal((403, "RequestTimeTooSkewed"), (r.Status, r.Code));

        f.Client.Now = () => f.Emulator.Clock.UtcNow.AddMinutes(minutes > 0 ? 14 : -14);
        Assert.Equal("NoSuchImportJob", (await f.Client.GetJob("x")).Code);
    }

    [Fact]
    public async Task MissingDateOrAuthorizationIsRefused()
    {
        using var f = new EmulatorFixture();
        EmulatorReply noDate = await f.Client.Send("GET", "/job/x", tweak: m => m.Headers.Remove("x-oss-date"));
        Assert.Equal((403, "RequestTimeTooSkewed"), (noDate.Status, noDate.Code));

        EmulatorReply anonymous = await f.Client.Send("GET", "/job/x", sign: false);
        Assert.Equal((403, "AccessDenied"), (anonymous.Status, anonymous.Code));
    }

    [Fact]
    public async Task StsKeyNeedsItsToken()
    {
        using var f = new EmulatorFixture();
        f.Emulator.AddAccessKey(new EmulatorAccessKey("STS.testkey", "sts-secret", "sts-token"));
        f.Client.KeyId = "STS.testkey";
        f.Client.Secret = "sts-secret";
        EmulatorReply without = await f.Client.GetJob("x");
        Assert.Equal((403, "InvalidSecurityToken"), (without.Status, without.Code));

        f.Client.Token = "wrong";
        Assert.Equal("InvalidSecurityToken", (await f.Client.GetJob("x")).Code);

        f.Client.Token = "sts-token";
        Assert.Equal("NoSuchImportJob", (await f.Client.GetJob("x")).Code);
    }

    [Fact]
    public async Task HostMustNameTheEmulatorsAccountAndRegion()
    {
        using var f = new EmulatorFixture();
        f.Client.Host = $"{f.Emulator.AccountId}.cn-hangzhou.mgw.aliyuncs.com";
        EmulatorReply ok = await f.Client.CreateJob("hostjob");
        Assert.Equal(200, ok.Status);

        f.Client.Host = "9999999999999999.cn-hangzhou.mgw.aliyuncs.com";
        EmulatorReply other = await f.Client.GetJob("hostjob");
        Assert.Equal((403, "AccessDenied"), (other.Status, other.Code));
        Assert.Contains("9999999999999999", other.Text("Message"));
        Assert.Equal("9999999999999999.cn-hangzhou.mgw.aliyuncs.com", other.Text("HostId"));

        f.Client.Host = $"{f.Emulator.AccountId}.cn-beijing.mgw.aliyuncs.com";
        Assert.Equal("AccessDenied", (await f.Client.GetJob("hostjob")).Code);

        f.Client.Host = "example.com";
        EmulatorReply foreign = await f.Client.GetJob("hostjob");
        Assert.Equal((400, "InvalidArgument"), (foreign.Status, foreign.Code));

        f.Client.Host = $"localhost:{f.Emulator.Port}";
        Assert.Equal(200, (await f.Client.GetJob("hostjob")).Status);
    }

    [Fact]
    public async Task ContentMd5AndXmlAreChecked()
    {
        using var f = new EmulatorFixture();
        EmulatorReply digest = await f.Client.Send("POST", "/job", EmulatorTestClient.JobBody("md5job"),
            tweak: m => m.Content!.Headers.ContentMD5 = new byte[16]);
        // Content-MD5 is a signed header: changing it after signing breaks the signature.
        Assert.Equal((403, "SignatureDoesNotMatch"), (digest.Status, digest.Code));

        // Content-MD5 is optional.
        EmulatorReply noDigest = await f.Client.Send("POST", "/job", EmulatorTestClient.JobBody("md5job"), contentMd5: false,
            tweak: m => m.Content!.Headers.ContentMD5 = null);
        Assert.Equal(200, noDigest.Status);

        var f2 = f.Client;
        EmulatorReply garbage = await f2.Send("POST", "/job", "<ImportJob><Name>x</Name>");
        Assert.Equal((400, "MalformedXML"), (garbage.Status, garbage.Code));
        EmulatorReply root = await f2.Send("POST", "/job", "<CreateJob><Name>abc</Name></CreateJob>");
        Assert.Equal((400, "MalformedXML"), (root.Status, root.Code));
        EmulatorReply empty = await f2.Send("PUT", "/job/md5job", "");
        Assert.Equal((400, "MalformedXML"), (empty.Status, empty.Code));
    }

    [Fact]
    public async Task ContentMd5MismatchIsInvalidDigest()
    {
        using var f = new EmulatorFixture();
        // Signed correctly over a Content-MD5 that does not match the body.
        string body = EmulatorTestClient.JobBody("digestjob");
        EmulatorReply r = await new DigestLiar(f).Send(body);
        Assert.Equal((400, "InvalidDigest"), (r.Status, r.Code));
        Assert.Equal(0, f.Emulator.JobCount);
    }

    [Fact]
    public async Task DuplicateNameIsImportJobAlreadyExist()
    {
        using var f = new EmulatorFixture();
        Assert.Equal(200, (await f.Client.CreateJob("dup")).Status);
        EmulatorReply again = await f.Client.CreateJob("dup", "src2", "dest2");
        Assert.Equal((409, "ImportJobAlreadyExist"), (again.Status, again.Code));
    }

    [Theory]
    [InlineData("nosrc", "dest")]
    [InlineData("src", "nodest")]
    public async Task UnknownAddressIsNoSuchImportAddress(string src, string dest)
    {
        using var f = new EmulatorFixture();
        EmulatorReply r = await f.Client.CreateJob("addrjob", src, dest);
        Assert.Equal((404, "NoSuchImportAddress"), (r.Status, r.Code));
        Assert.Contains(src == "nosrc" ? "nosrc" : "nodest", r.Text("Message"));
    }

    [Fact]
    public async Task SameAddressPairIsRefusedExceptWithinAFamily()
    {
        using var f = new EmulatorFixture();
        Assert.Equal(200, (await f.Client.CreateJob("first")).Status);
        EmulatorReply twin = await f.Client.CreateJob("second");
        Assert.Equal((409, "ImportJobRepeatedOnSameAddress"), (twin.Status, twin.Code));
        Assert.Contains("'first'", twin.Text("Message"));

        // A child of 'first' (ParentVersion) may reuse the pair: it re-runs part of its parent's work.
        string parent = (await f.Client.GetJob("first")).Text("Version")!;
        EmulatorReply child = await f.Client.CreateJob("first-retry", extra: $"<ParentVersion>{parent}</ParentVersion>");
        Assert.Equal(200, child.Status);
        EmulatorReply childGet = await f.Client.GetJob("first-retry");
        Assert.Equal("first", childGet.Text("ParentName"));
        Assert.Equal(parent, childGet.Text("ParentVersion"));

        // A child of an unrelated job may not.
        Assert.Equal(200, (await f.Client.CreateJob("other", "src2", "dest2")).Status);
        string otherVersion = (await f.Client.GetJob("other")).Text("Version")!;
        EmulatorReply stranger = await f.Client.CreateJob("other-child", extra: $"<ParentVersion>{otherVersion}</ParentVersion>");
        Assert.Equal("ImportJobRepeatedOnSameAddress", stranger.Code);
    }

    [Fact]
    public async Task JobQuotaIsImportJobNumExceed()
    {
        using var f = new EmulatorFixture(o => o.MaxJobs = 2);
        Assert.Equal(200, (await f.Client.CreateJob("one", "src", "dest")).Status);
        Assert.Equal(200, (await f.Client.CreateJob("two", "src2", "dest2")).Status);
        EmulatorReply three = await f.Client.CreateJob("three", "src", "dest2");
        Assert.Equal((400, "ImportJobNumExceed"), (three.Status, three.Code));
        Assert.Contains("2", three.Text("Message"));
    }

    [Fact]
    public async Task DefaultJobQuotaIs500()
    {
        using var f = new EmulatorFixture();
        Assert.Equal(500, f.Emulator.Options.MaxJobs);
        for (int i = 0; i < 500; i++) f.Emulator.AddAddress($"many-{i:000}");
        var creates = Enumerable.Range(0, 500).Select(i => f.Client.CreateJob($"job-{i:000}", $"many-{i:000}", "dest"));
        Assert.All(await Task.WhenAll(creates), r => Assert.Equal(200, r.Status));
        EmulatorReply over = await f.Client.CreateJob("job-500", "src", "dest2");
        Assert.Equal("ImportJobNumExceed", over.Code);
        Assert.Equal(500, f.Emulator.JobCount);
    }

    [Fact]
    public async Task ParentMustExistAndDepthIsLimited()
    {
        using var f = new EmulatorFixture();
        EmulatorReply orphan = await f.Client.CreateJob("orphan", extra: "<ParentVersion>6af62558-970d-4f44-8663-4e297170fd6a</ParentVersion>");
        Assert.Equal((404, "NoSuchImportJobParent"), (orphan.Status, orphan.Code));

        Assert.Equal(200, (await f.Client.CreateJob("root")).Status);
        string root = (await f.Client.GetJob("root")).Text("Version")!;
        Assert.Equal(200, (await f.Client.CreateJob("child", extra: $"<ParentVersion>{root}</ParentVersion>")).Status);
        string child = (await f.Client.GetJob("child")).Text("Version")!;
        EmulatorReply grandchild = await f.Client.CreateJob("grandchild", extra: $"<ParentVersion>{child}</ParentVersion>");
        Assert.Equal((400, "ImportJobDepthExceed"), (grandchild.Status, grandchild.Code));
    }

    [Fact]
    public async Task DepthIsConfigurable()
    {
        using var f = new EmulatorFixture(o => o.MaxDepth = 2);
        await f.Client.CreateJob("root");
        string root = (await f.Client.GetJob("root")).Text("Version")!;
        await f.Client.CreateJob("child", extra: $"<ParentVersion>{root}</ParentVersion>");
        string child = (await f.Client.GetJob("child")).Text("Version")!;
        Assert.Equal(200, (await f.Client.CreateJob("grandchild", extra: $"<ParentVersion>{child}</ParentVersion>")).Status);
        Assert.Equal(2, f.Emulator.Jobs.Single(j => j.Name == "grandchild").Depth);
    }

    [Fact]
    public async Task UnknownJobIsNoSuchImportJobForEveryOperation()
    {
        using var f = new EmulatorFixture();
        var replies = new[]
        {
            await f.Client.GetJob("ghost"),
            await f.Client.SetStatus("ghost", "IMPORT_JOB_LAUNCHING"),
            await f.Client.Send("DELETE", "/job/ghost"),
            await f.Client.Send("GET", "/job/ghost", query: [new("jobResult", null), new("runtimeId", "1")]),
            await f.Client.Send("GET", "/jobhistory/ghost"),
            await f.Client.Send("GET", "/report", query: [new("version", Guid.NewGuid().ToString())]),
        };
        Assert.All(replies, r => Assert.Equal((404, "NoSuchImportJob"), (r.Status, r.Code)));
    }

    public static IEnumerable<object[]> InvalidBodies() => new[]
    {
        new object[] { EmulatorTestClient.JobBody("UpperCase"), "name" },
        new object[] { EmulatorTestClient.JobBody("-leading"), "name" },
        new object[] { EmulatorTestClient.JobBody("ab"), "name" },
        new object[] { EmulatorTestClient.JobBody(new string('a', 64)), "name" },
        new object[] { EmulatorTestClient.JobBody("nomode", transfer: null), "TransferMode" },
        new object[] { EmulatorTestClient.JobBody("badcombo", overwrite: "never", transfer: "lastmodified"), "combination" },
        new object[] { "<ImportJob><Name>nosrc</Name><DestAddress>dest</DestAddress><OverwriteMode>always</OverwriteMode><TransferMode>all</TransferMode></ImportJob>", "SrcAddress" },
        new object[] { "<ImportJob><SrcAddress>src</SrcAddress><DestAddress>dest</DestAddress><OverwriteMode>always</OverwriteMode></ImportJob>", "Name" },
        new object[] { EmulatorTestClient.JobBody("badmode", overwrite: "sometimes"), "OverwriteMode" },
        new object[] { EmulatorTestClient.JobBody("badbool", extra: "<CreateReport>maybe</CreateReport>"), "boolean" },
        new object[] { EmulatorTestClient.JobBody("zerobw", extra: "<ImportQos><MaxBandWidth>0</MaxBandWidth></ImportQos>"), "MaxBandWidth" },
        new object[] { EmulatorTestClient.JobBody("badcron", extra: "<ScheduleRule><StartCronExpression>0 2 * * *</StartCronExpression></ScheduleRule>"), "6 fields" },
        new object[] { EmulatorTestClient.JobBody("badtags", extra: "<Tags>k1 v1</Tags>"), "Tags" },
        new object[] { EmulatorTestClient.JobBody("multiver", extra: "<EnableMultiVersioning>true</EnableMultiVersioning>"), "Multi-version" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task BadCreateJobBodiesAreInvalidArgument(string body, string mentioned)
    {
        using var f = new EmulatorFixture();
        EmulatorReply r = await f.Client.Send("POST", "/job", body);
        Assert.Equal((400, "InvalidArgument"), (r.Status, r.Code));
        Assert.Contains(mentioned, r.Text("Message"));
        Assert.Equal(0, f.Emulator.JobCount);
    }

    [Fact]
    public async Task NeverWithoutTransferModeIsAccepted()
    {
        using var f = new EmulatorFixture();
        Assert.Equal(200, (await f.Client.Send("POST", "/job", EmulatorTestClient.JobBody("neverjob", overwrite: "never", transfer: null))).Status);
        Assert.Equal("all", (await f.Client.GetJob("neverjob")).Text("TransferMode"));
    }

    [Fact]
    public async Task UnknownRouteIsMethodNotAllowed()
    {
        using var f = new EmulatorFixture();
        EmulatorReply r = await f.Client.Send("PATCH", "/job/x");
        Assert.Equal((405, "MethodNotAllowed"), (r.Status, r.Code));
        Assert.Equal(405, (await f.Client.Send("GET", "/nothing")).Status);
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneNameMakeExactlyOneJob()
    {
        using var f = new EmulatorFixture();
        EmulatorReply[] replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => f.Client.CreateJob("race")));
        Assert.Single(replies, r => r.Status == 200);
        Assert.Equal(19, replies.Count(r => r.Code == "ImportJobAlreadyExist"));
        Assert.Equal(1, f.Emulator.JobCount);
    }

    [Fact]
    public void PortInUseIsAClearError()
    {
        using var first = MgwEmulator.StartNew();
        var ex = Assert.Throws<MgwException>(() => MgwEmulator.StartNew(new MgwEmulatorOptions { Port = first.Port }));
        Assert.Equal(MgwErrorCodes.EmulatorPortInUse, ex.Error.Code);
        Assert.Contains(first.Port.ToString(), ex.Message);
    }

    [Fact]
    public async Task StopFreesThePort()
    {
        var emulator = MgwEmulator.StartNew();
        int port = emulator.Port;
        using (var client = new EmulatorTestClient(emulator)) await client.GetJob("x"); // leave a used connection behind
        emulator.Stop();
        Assert.False(emulator.IsRunning);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        listener.Stop();
    }

    [Fact]
    public void GeneratedKeysDifferPerInstanceAndNeverShowInStrings()
    {
        using var a = new MgwEmulator();
        using var b = new MgwEmulator();
        Assert.NotEqual(a.AccessKeyId, b.AccessKeyId);
        Assert.NotEqual(a.AccessKeySecret, b.AccessKeySecret);
        Assert.Equal(a.AccessKeyId, a.AccessKeys[0].ToString());
        Assert.Equal("1234567890123456", a.AccountId);
        Assert.Equal("cn-hangzhou", a.Region);
    }

    /// <summary>Signs a CreateJob over a Content-MD5 header that does not match the body.</summary>
    private sealed class DigestLiar
    {
        private readonly EmulatorFixture _f;

        public DigestLiar(EmulatorFixture f) => _f = f;

        public async Task<EmulatorReply> Send(string body)
        {
            string wrong = Convert.ToBase64String(new byte[16]);
            using var http = new System.Net.Http.HttpClient(new System.Net.Http.SocketsHttpHandler { UseProxy = false });
            var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, new Uri(_f.Emulator.Endpoint, "job"));
            var content = new System.Net.Http.ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/xml");
            content.Headers.TryAddWithoutValidation("Content-MD5", wrong);
            request.Content = content;
            string date = Signing.OssV4Signer.FormatDate(_f.Emulator.Clock.UtcNow);
            var headers = new List<KeyValuePair<string, string>>
            {
                new("x-oss-date", date), new("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
                new("content-type", "application/xml"), new("content-md5", wrong),
            };
            request.Headers.TryAddWithoutValidation("x-oss-date", date);
            request.Headers.TryAddWithoutValidation("x-oss-content-sha256", "UNSIGNED-PAYLOAD");
            request.Headers.TryAddWithoutValidation("Authorization", Signing.OssV4Signer.Sign("POST", "/job",
                Array.Empty<KeyValuePair<string, string?>>(), headers, _f.Emulator.AccessKeyId, _f.Emulator.AccessKeySecret, _f.Emulator.Region, date));
            var response = await http.SendAsync(request);
            return new EmulatorReply((int)response.StatusCode, await response.Content.ReadAsStringAsync(), null, response);
        }
    }
}
