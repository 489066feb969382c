using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Wire;
using MgwTools.Core.Client;
using MgwTools.Core.Signing;

namespace MgwTools.Core.Tests;

/// <summary>Shared setup for the client tests: credentials with recognisable secrets, a log sink, seed XML.</summary>
internal static class ClientTestKit
{
    public const string AccountId = "1234567890123456";
    public const string Region = "cn-hangzhou";
    public const string KeyId = "LTAI-test-key-id";
    public const string Secret = "SECRET-sk-do-not-print";
    public const string Token = "STS-TOKEN-do-not-print";

    public static MgwClient NewClient(LoopbackServer server, ConcurrentQueue<string>? log = null, Action<MgwClientOptions>? tweak = null, bool sts = true)
    {
        var options = new MgwClientOptions
        {
            Endpoint = server.Endpoint,
            AccountId = AccountId,
            Region = Region,
            Credentials = new MgwCredentials(KeyId, Secret, sts ? Token : null, "Explicit"),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            MaxRetries = 3,
            BaseDelay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromMilliseconds(200),
            Log = log is null ? null : log.Enqueue,
        };
        tweak?.Invoke(options);
        return new MgwClient(options);
    }

    /// <summary>Recomputes the Authorization header from what the server received.</summary>
    public static string ExpectedAuthorization(RecordedRequest r, string keyId = KeyId, string secret = Secret)
    {
        var headers = r.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value));
        return OssV4Signer.Sign(r.Method, r.Path, r.Query, headers, keyId, secret, Region, r.Header("x-oss-date")!);
    }

    public const string SeedBody =
        "<ImportJob><Name>examplejob</Name><SrcAddress>examplesrc</SrcAddress><DestAddress>exampledest</DestAddress><OverwriteMode>always</OverwriteMode><TransferMode>all</TransferMode></ImportJob>";

    public static MgwJobSpec SeedSpec() => new()
    {
        Name = "examplejob",
        SourceAddress = "examplesrc",
        DestinationAddress = "exampledest",
        OverwriteMode = OverwriteMode.Always,
        TransferMode = TransferMode.All,
    };

    /// <summary>A GetJob answer for <paramref name="spec"/> (its request XML plus service fields).</summary>
    public static string JobXml(MgwJobSpec spec, string version = "6af62558-970d-4f44-8663-4e297170fd6a", string status = "IMPORT_JOB_BEGIN",
        string createTime = "2024-05-01 12:00:00", string modifyTime = "2025-07-04T06:02:21.000Z")
    {
        string inner = MgwTools.Core.Wire.MgwJobSpecXml.Write(spec);
        inner = inner.Substring("<ImportJob>".Length, inner.Length - "<ImportJob></ImportJob>".Length);
        return "<ImportJob>" + inner + "<Version>" + version + "</Version><Status>" + status + "</Status><CreateTime>" + createTime +
               "</CreateTime><ModifyTime>" + modifyTime + "</ModifyTime><Owner>" + AccountId + "</Owner><EnableMultiVersioning>false</EnableMultiVersioning></ImportJob>";
    }

    public static string Doc(string xml) => "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml;
}
