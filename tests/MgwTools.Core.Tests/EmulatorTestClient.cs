using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using MgwTools.Core.Signing;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

/// <summary>What came back from the emulator.</summary>
internal sealed record EmulatorReply(int Status, string Body, string? RequestId, HttpResponseMessage Message)
{
    public XElement? Xml => Body.Length == 0 ? null : XElement.Parse(Body);

    public string? Code => Xml?.Name.LocalName == "Error" ? Xml.Element("Code")?.Value : null;

    public string? Text(string element) => Xml?.Element(element)?.Value;
}

/// <summary>A tiny signed-request client for the emulator tests (plain HttpClient + OssV4Signer).</summary>
internal sealed class EmulatorTestClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private readonly MgwEmulator _emulator;

    public EmulatorTestClient(MgwEmulator emulator)
    {
        _emulator = emulator;
        KeyId = emulator.AccessKeyId;
        Secret = emulator.AccessKeySecret;
        Region = emulator.Region;
    }

    public string KeyId { get; set; }
    public string Secret { get; set; }
    public string? Token { get; set; }
    public string Region { get; set; }
    public string? Host { get; set; }
    /// <summary>The signing time; by default the emulator's clock.</summary>
    public Func<DateTimeOffset>? Now { get; set; }

    public static string JobBody(string name, string src = "src", string dest = "dest", string overwrite = "always", string? transfer = "all", string extra = "") =>
        $"<ImportJob><Name>{name}</Name><SrcAddress>{src}</SrcAddress><DestAddress>{dest}</DestAddress>" +
        $"<OverwriteMode>{overwrite}</OverwriteMode>" + (transfer is null ? "" : $"<TransferMode>{transfer}</TransferMode>") + extra + "</ImportJob>";

    public Task<EmulatorReply> CreateJob(string name, string src = "src", string dest = "dest", string extra = "") =>
        Send("POST", "/job", JobBody(name, src, dest, extra: extra));

    public Task<EmulatorReply> GetJob(string name) => Send("GET", "/job/" + name);

    public Task<EmulatorReply> SetStatus(string name, string status) =>
        Send("PUT", "/job/" + name, $"<ImportJob><Status>{status}</Status></ImportJob>");

    /// <summary>
    /// Sends a signed request. <paramref name="path"/> is unencoded; <paramref name="query"/> pairs are decoded
    /// (null value = bare key). <paramref name="tweak"/> runs after signing (to tamper with the request).
    /// </summary>
    public async Task<EmulatorReply> Send(string method, string path, string? body = null,
        IEnumerable<KeyValuePair<string, string?>>? query = null, Action<HttpRequestMessage>? tweak = null,
        bool contentMd5 = true, bool sign = true)
    {
        var pairs = (query ?? Enumerable.Empty<KeyValuePair<string, string?>>()).ToList();
        string wirePath = OssV4Signer.EncodePath(path);
        string wireQuery = string.Join("&", pairs.Select(p => OssV4Signer.PercentEncode(p.Key) + "=" + OssV4Signer.PercentEncode(p.Value ?? "")));
        var request = new HttpRequestMessage(new HttpMethod(method), _emulator.Endpoint.GetLeftPart(UriPartial.Authority) + wirePath + (wireQuery.Length > 0 ? "?" + wireQuery : ""));
        string date = OssV4Signer.FormatDate((Now ?? (() => _emulator.Clock.UtcNow))());
        var headers = new List<KeyValuePair<string, string>>
        {
            new("x-oss-date", date),
            new("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
        };
        if (Token is not null) headers.Add(new("x-oss-security-token", Token));
        if (body is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            headers.Add(new("content-type", "application/xml"));
            if (contentMd5)
            {
                content.Headers.ContentMD5 = MD5.HashData(bytes);
                headers.Add(new("content-md5", Convert.ToBase64String(MD5.HashData(bytes))));
            }

            request.Content = content;
        }

        foreach (var h in headers.Where(h => !h.Key.StartsWith("content-", StringComparison.Ordinal)))
        {
            request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }

        if (sign)
        {
            string auth = OssV4Signer.Sign(method, path, pairs, headers, KeyId, Secret, Region, date);
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        if (Host is not null) request.Headers.Host = Host;
        tweak?.Invoke(request);
        HttpResponseMessage response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        string? requestId = response.Headers.TryGetValues("x-oss-request-id", out var ids) ? ids.First() : null;
        return new EmulatorReply((int)response.StatusCode, text, requestId, response);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An emulator on a manual clock with addresses src, dest, src2, dest2 and a client for it.</summary>
internal sealed class EmulatorFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public EmulatorFixture(Action<MgwEmulatorOptions>? configure = null)
    {
        var options = new MgwEmulatorOptions { Clock = EmulatorClock.Manual(Start) };
        configure?.Invoke(options);
        Emulator = MgwEmulator.StartNew(options);
        foreach (string name in new[] { "src", "dest", "src2", "dest2" }) Emulator.AddAddress(name);
        Client = new EmulatorTestClient(Emulator);
    }

    public MgwEmulator Emulator { get; }
    public EmulatorTestClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Emulator.Dispose();
    }
}
