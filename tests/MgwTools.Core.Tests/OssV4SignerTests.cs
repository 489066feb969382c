using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using MgwTools.Core.Signing;

namespace MgwTools.Core.Tests;

public class OssV4SignerTests
{
    private static KeyValuePair<string, string> H(string k, string v) => new(k, v);
    private static KeyValuePair<string, string?> Q(string k, string? v) => new(k, v);

    private static string Sha256Hex(string text) =>
        OssV4Signer.HexLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Md5Base64(string body) =>
        System.Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(body)));

    // Published vector: aliyun/alibabacloud-oss-go-sdk-v2 oss/signer/signer_test.go TestV4AuthHeader (mgw-api §3.5a).
    private static List<KeyValuePair<string, string>> PublishedHeaders(string date) =>
    [
        H("x-oss-head1", "value"), H("abc", "value"), H("ZAbc", "value"), H("XYZ", "value"),
        H("content-type", "text/plain"), H("x-oss-content-sha256", "UNSIGNED-PAYLOAD"), H("x-oss-date", date),
    ];

    private static readonly List<KeyValuePair<string, string?>> PublishedQuery =
    [
        Q("param1", "value1"), Q("+param1", "value3"), Q("|param1", "value4"),
        Q("+param2", ""), Q("|param2", ""), Q("param2", ""),
    ];

    private const string PublishedPath = "/bucket/1234+-/123/1.txt";

    [Fact]
    public void PublishedVector_CanonicalRequestPieces()
    {
        string canonical = OssV4Signer.BuildCanonicalRequest("PUT", PublishedPath, PublishedQuery, PublishedHeaders("20231216T162057Z"));
        string[] lines = canonical.Split('\n');

        Assert.Equal("PUT", lines[0]);
        Assert.Equal("/bucket/1234%2B-/123/1.txt", lines[1]);
        Assert.Equal("%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2", lines[2]);
        Assert.Equal(
            "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD",
            string.Join("\n", lines, 3, lines.Length - 3));
    }

    [Fact]
    public void PublishedVector_Signature()
    {
        string auth = OssV4Signer.Sign("PUT", PublishedPath, PublishedQuery, PublishedHeaders("20231216T162057Z"), "ak", "sk", "cn-hangzhou", "20231216T162057Z");

        // The Go SDK writes ",Signature=" without a space; the gateway (and we) write ", Signature=".
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
            auth);
        Assert.True(OssV4Signer.TryParseAuthorization(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
            out _, out _, out _, out string published));
        Assert.EndsWith(published, auth);
    }

    [Fact]
    public void PublishedVector_WithStsToken_SignsTheTokenHeader()
    {
        var headers = PublishedHeaders("20231217T034736Z");
        headers.Add(H("x-oss-security-token", "token"));

        string canonical = OssV4Signer.BuildCanonicalRequest("PUT", PublishedPath, PublishedQuery, headers);
        Assert.Contains("\nx-oss-head1:value\nx-oss-security-token:token\n\n\nUNSIGNED-PAYLOAD", canonical);

        string auth = OssV4Signer.Sign("PUT", PublishedPath, PublishedQuery, headers, "ak", "sk", "cn-hangzhou", "20231217T034736Z");
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request, Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea",
            auth);
    }

    private const string MgwDate = "20240626T120000Z";

    [Fact]
    public void MgwVector1_CreateJob()
    {
        const string body = "<ImportJob><Name>examplejob</Name><SrcAddress>examplesrc</SrcAddress><DestAddress>exampledest</DestAddress><OverwriteMode>always</OverwriteMode><TransferMode>all</TransferMode></ImportJob>";
        string md5 = Md5Base64(body);
        Assert.Equal("wvYEHevq4TwDVLPF+lf6bg==", md5);
        var headers = new[]
        {
            H("Content-MD5", md5), H("Content-Type", "application/xml"),
            H("x-oss-content-sha256", "UNSIGNED-PAYLOAD"), H("x-oss-date", MgwDate),
            H("Host", "1234567890123456.cn-hangzhou.mgw.aliyuncs.com"), H("User-Agent", "x"),
        };

        string canonical = OssV4Signer.BuildCanonicalRequest("POST", "/job", [], headers);
        Assert.Equal(
            "POST\n/job\n\ncontent-md5:wvYEHevq4TwDVLPF+lf6bg==\ncontent-type:application/xml\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20240626T120000Z\n\n\nUNSIGNED-PAYLOAD",
            canonical);
        Assert.Equal("05bad7633492173de32954b4be271c87be0c2bce73829c561828eca47b5edf95", Sha256Hex(canonical));
        Assert.Equal(
            "OSS4-HMAC-SHA256\n20240626T120000Z\n20240626/cn-hangzhou/oss/aliyun_v4_request\n05bad7633492173de32954b4be271c87be0c2bce73829c561828eca47b5edf95",
            OssV4Signer.BuildStringToSign(canonical, "cn-hangzhou", MgwDate));
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/oss/aliyun_v4_request, Signature=558df9719d734f2fe17f1b46e41dbcded4c51771d9da3188da6803e09b1abf12",
            OssV4Signer.Sign("POST", "/job", [], headers, "ak", "sk", "cn-hangzhou", MgwDate));
    }

    [Fact]
    public void MgwVector2_GetJobResult_SubResourceIsABareKey()
    {
        var headers = new[] { H("x-oss-content-sha256", "UNSIGNED-PAYLOAD"), H("x-oss-date", MgwDate) };
        var query = new[] { Q("runtimeId", "2"), Q("jobResult", null) };

        string canonical = OssV4Signer.BuildCanonicalRequest("GET", "/job/examplejob", query, headers);
        Assert.Equal(
            "GET\n/job/examplejob\njobResult&runtimeId=2\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20240626T120000Z\n\n\nUNSIGNED-PAYLOAD",
            canonical);
        Assert.Equal("48e81f7ec47acee69b8d3924ce5d4b19ae2546751d248269a7c8a7ed7b7cb2e3", Sha256Hex(canonical));
        string sts = OssV4Signer.BuildStringToSign(canonical, "cn-hangzhou", MgwDate);
        Assert.Equal("701dabb3054c9c525d5dfee987af47475ee57166b98f07c9314eeea402892ca2", OssV4Signer.ComputeSignature(sts, "sk", "cn-hangzhou", MgwDate));

        // "" and null are the same bare key.
        Assert.Equal(canonical, OssV4Signer.BuildCanonicalRequest("GET", "/job/examplejob", [Q("jobResult", ""), Q("runtimeId", "2")], headers));
    }

    [Fact]
    public void MgwVector3_UpdateJobStart()
    {
        const string body = "<ImportJob><Status>IMPORT_JOB_LAUNCHING</Status></ImportJob>";
        string md5 = Md5Base64(body);
        Assert.Equal("s97qv0XAGX7WxtMIcNo20g==", md5);
        var headers = new[]
        {
            H("content-md5", md5), H("content-type", "application/xml"),
            H("x-oss-content-sha256", "UNSIGNED-PAYLOAD"), H("x-oss-date", MgwDate),
        };

        string canonical = OssV4Signer.BuildCanonicalRequest("PUT", "/job/examplejob", [], headers);
        Assert.Equal(
            "PUT\n/job/examplejob\n\ncontent-md5:s97qv0XAGX7WxtMIcNo20g==\ncontent-type:application/xml\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20240626T120000Z\n\n\nUNSIGNED-PAYLOAD",
            canonical);
        Assert.Equal("28867e0eaaa8295ba3cde4336fe445a554b0bd502c9d042b43add8e03c9b4318", Sha256Hex(canonical));
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/oss/aliyun_v4_request, Signature=7ff28eb881f571c2c5650ad1a157b35fc37f08eca677cadec67c2967e9f3580e",
            OssV4Signer.Sign("PUT", "/job/examplejob", [], headers, "ak", "sk", "cn-hangzhou", MgwDate));
    }

    [Fact]
    public void Sign_AddsTheDateHeaderWhenMissing()
    {
        var withDate = new[] { H("x-oss-content-sha256", "UNSIGNED-PAYLOAD"), H("x-oss-date", MgwDate) };
        var without = new[] { H("x-oss-content-sha256", "UNSIGNED-PAYLOAD") };
        Assert.Equal(
            OssV4Signer.Sign("GET", "/job/a", [], withDate, "ak", "sk", "cn-hangzhou", MgwDate),
            OssV4Signer.Sign("GET", "/job/a", [], without, "ak", "sk", "cn-hangzhou", MgwDate));
    }

    [Theory]
    [InlineData("/job/my job", "/job/my%20job")]
    [InlineData("/job/a*b~c", "/job/a%2Ab~c")]
    [InlineData("/job/ü", "/job/%C3%BC")]
    [InlineData("/joblist", "/joblist")]
    public void EncodePath_EncodesEachSegment(string path, string expected) =>
        Assert.Equal(expected, OssV4Signer.EncodePath(path));

    [Theory]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/oss/aliyun_v4_request, Signature=7ff28eb881f571c2c5650ad1a157b35fc37f08eca677cadec67c2967e9f3580e")]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/oss/aliyun_v4_request,Signature=7ff28eb881f571c2c5650ad1a157b35fc37f08eca677cadec67c2967e9f3580e")]
    public void TryParseAuthorization_AcceptsBothSeparators(string header)
    {
        Assert.True(OssV4Signer.TryParseAuthorization(header, out string ak, out string date8, out string region, out string sig));
        Assert.Equal("ak", ak);
        Assert.Equal("20240626", date8);
        Assert.Equal("cn-hangzhou", region);
        Assert.Equal("7ff28eb881f571c2c5650ad1a157b35fc37f08eca677cadec67c2967e9f3580e", sig);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=")]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/oss/aliyun_v4_request")]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/2024062/cn-hangzhou/oss/aliyun_v4_request, Signature=7ff28eb881f571c2c5650ad1a157b35fc37f08eca677cadec67c2967e9f3580e")]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/s3/aliyun_v4_request, Signature=7ff28eb881f571c2c5650ad1a157b35fc37f08eca677cadec67c2967e9f3580e")]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/oss/aliyun_v4_request, Signature=XYZ")]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/20240626/cn-hangzhou/oss/aliyun_v4_request, Signature=7ff28eb881f571c2c5650ad1a157b35fc37f08eca677cadec67c2967e9f3580e, Foo=bar")]
    public void TryParseAuthorization_RejectsMalformed(string header) =>
        Assert.False(OssV4Signer.TryParseAuthorization(header, out _, out _, out _, out _));
}
