using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Text;

namespace MgwTools;

/// <summary>What kind of place a data address points at; decided by its <c>AddressType</c>.</summary>
public enum MgwAddressKind
{
    /// <summary>An OSS bucket, read or written with a RAM role (<c>oss</c>).</summary>
    Oss,
    /// <summary>The objects an inventory lists (<c>ossinv</c>): a manifest in an OSS, S3 or COS bucket.</summary>
    OssInventory,
    /// <summary>A third-party object store (S3, COS, Qiniu, OBS, BOS, KS3, UPYUN, Azure Blob), with an AccessKey pair.</summary>
    ObjectStore,
    /// <summary>A NAS or local file system, reached through agents (<c>nas</c>, <c>local</c>).</summary>
    FileSystem,
    /// <summary>The HTTP/HTTPS URLs a list file in OSS names (<c>http</c>).</summary>
    UrlList,
    /// <summary>A type MgwTools does not know (sent as given, with the raw form of New-MgwAddress).</summary>
    Other,
}

/// <summary>Where an address stands with its last verification (VerifyAddress).</summary>
public enum MgwVerifyState
{
    /// <summary>Never verified.</summary>
    NotVerified,
    /// <summary>The last verification found the address reachable.</summary>
    Available,
    /// <summary>The last verification failed (see the error code and message).</summary>
    Failed,
}

/// <summary>
/// Where a data address points (<c>AddressDetail</c>, mgw-api.md §2.8). The AccessKey IDs show masked
/// (<see cref="AccessId"/>, <see cref="InvAccessId"/>); the full IDs and the storage secrets (<c>AccessSecret</c>,
/// <c>InvAccessSecret</c>) are internal: set them with <see cref="SetAccessKey"/> / <see cref="SetInvAccessKey"/>. They
/// are sent on CreateAddress; secrets are never kept from a response, printed or serialised.
/// </summary>
public sealed class MgwAddressDetail
{
    /// <summary>Address type, e.g. <c>oss</c>, <c>s3</c>, <c>ossinv</c>, <c>nas</c>.</summary>
    public string? AddressType { get; set; }
    /// <summary>Bucket name.</summary>
    public string? Bucket { get; set; }
    /// <summary>Bucket domain / endpoint (not needed for OSS with <see cref="RegionId"/>).</summary>
    public string? Domain { get; set; }
    /// <summary>Storage AccessKey ID, masked (<c>AKIA*************XYZ</c>); not used for OSS, which takes a <see cref="Role"/>.</summary>
    public string? AccessId => Masked(FullAccessId);
    /// <summary>Key prefix (object stores), or the directory (file systems through agents).</summary>
    public string? Prefix { get; set; }
    /// <summary>Region of an OSS bucket, e.g. <c>oss-cn-beijing</c>.</summary>
    public string? RegionId { get; set; }
    /// <summary>RAM role the service assumes for an OSS bucket.</summary>
    public string? Role { get; set; }
    /// <summary>Comma-separated agent names.</summary>
    public string? AgentList { get; set; }
    /// <summary>Inventory bucket.</summary>
    public string? InvBucket { get; set; }
    /// <summary>Inventory domain.</summary>
    public string? InvDomain { get; set; }
    /// <summary>Inventory AccessKey ID, masked.</summary>
    public string? InvAccessId => Masked(FullInvAccessId);
    /// <summary>Inventory manifest path, e.g. <c>manifest.json</c>.</summary>
    public string? InvPath { get; set; }
    /// <summary>Inventory region.</summary>
    public string? InvRegionId { get; set; }
    /// <summary>Inventory RAM role.</summary>
    public string? InvRole { get; set; }
    /// <summary>Inventory location: <c>oss</c>, <c>s3</c> or <c>cos</c>.</summary>
    public string? InvLocation { get; set; }
    /// <summary>Data type (newer API field), e.g. <c>oss</c>.</summary>
    public string? DataType { get; set; }
    /// <summary>HDFS authentication type (<c>HdfsAuthConfig/AuthType</c>).</summary>
    public string? HdfsAuthType { get; set; }
    /// <summary>HDFS user name (<c>HdfsAuthConfig/UserName</c>).</summary>
    public string? HdfsUserName { get; set; }

    /// <summary>True when a storage secret will be sent.</summary>
    public bool HasAccessSecret => AccessSecret is not null;

    /// <summary>True when an inventory secret will be sent.</summary>
    public bool HasInvAccessSecret => InvAccessSecret is not null;

    /// <summary>The agent names of <see cref="AgentList"/>, in order.</summary>
    public string[] Agents => SplitAgents(AgentList);

    /// <summary>The storage AccessKey ID as sent and compared (never shown).</summary>
    internal string? FullAccessId { get; set; }

    /// <summary>The inventory AccessKey ID as sent and compared (never shown).</summary>
    internal string? FullInvAccessId { get; set; }

    internal string? AccessSecret { get; private set; }

    internal string? InvAccessSecret { get; private set; }

    /// <summary>Sets the storage AccessKey pair sent on CreateAddress; an empty secret means none.</summary>
    public void SetAccessKey(string? accessId, string? secret)
    {
        FullAccessId = string.IsNullOrEmpty(accessId) ? null : accessId;
        AccessSecret = string.IsNullOrEmpty(secret) ? null : secret;
    }

    /// <summary>Sets the inventory AccessKey pair sent on CreateAddress; an empty secret means none.</summary>
    public void SetInvAccessKey(string? accessId, string? secret)
    {
        FullInvAccessId = string.IsNullOrEmpty(accessId) ? null : accessId;
        InvAccessSecret = string.IsNullOrEmpty(secret) ? null : secret;
    }

    /// <summary>Agent names from <c>a1,a2</c>: trimmed, empty pieces dropped.</summary>
    internal static string[] SplitAgents(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? Array.Empty<string>()
            : list!.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToArray();

    private static string? Masked(string? id) => id is null ? null : MgwCredentials.Mask(id);

    /// <summary>
    /// The elements set, as <c>Element=value</c> pairs joined by <c>;</c> (<c>AddressType=oss;Bucket=photos;RegionId=oss-cn-beijing</c>;
    /// a <c>\</c>, <c>;</c> or <c>=</c> in a value is written after a <c>\</c>). It is the cell <c>Export-Csv</c> writes for
    /// <see cref="MgwAddress.Detail"/>, which New-MgwAddress reads back; AccessKey IDs and secrets are never in it.
    /// </summary>
    public override string ToString() => MgwAddressDetailText.Write(Elements());

    /// <summary>The elements set (not the AccessKey pairs), by their API names, in the order of <c>AddressDetail</c>.</summary>
    internal IEnumerable<KeyValuePair<string, string>> Elements()
    {
        var all = new[]
        {
            ("AddressType", AddressType), ("Bucket", Bucket), ("Domain", Domain), ("Prefix", Prefix), ("RegionId", RegionId), ("Role", Role),
            ("AgentList", AgentList), ("InvBucket", InvBucket), ("InvDomain", InvDomain), ("InvPath", InvPath), ("InvRegionId", InvRegionId),
            ("InvRole", InvRole), ("InvLocation", InvLocation), ("DataType", DataType), ("HdfsAuthType", HdfsAuthType), ("HdfsUserName", HdfsUserName),
        };
        foreach (var (name, value) in all)
        {
            if (!string.IsNullOrEmpty(value)) yield return new KeyValuePair<string, string>(name, value!);
        }
    }
}

/// <summary>
/// The text form of an address's elements (<see cref="MgwAddressDetail.ToString"/>): <c>Element=value</c> pairs joined by
/// <c>;</c>, with <c>\</c>, <c>;</c> and <c>=</c> in a value escaped by a <c>\</c>. Hand-written: it is three characters of escaping.
/// </summary>
internal static class MgwAddressDetailText
{
    /// <summary>Longest text read (every element at its longest, with room to spare).</summary>
    public const int MaxLength = 32 * 1024;

    public static string Write(IEnumerable<KeyValuePair<string, string>> elements)
    {
        var sb = new StringBuilder();
        foreach (var pair in elements)
        {
            if (sb.Length > 0) sb.Append(';');
            sb.Append(pair.Key).Append('=');
            foreach (char c in pair.Value)
            {
                if (c is '\\' or ';' or '=') sb.Append('\\');
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Reads <see cref="Write"/>'s form; false with the reason when the text is not in it. Linear in the text.</summary>
    public static bool TryRead(string text, out List<KeyValuePair<string, string>> elements, out string reason)
    {
        elements = new List<KeyValuePair<string, string>>();
        reason = "";
        if (text.Length > MaxLength)
        {
            reason = $"it is {text.Length:N0} characters; at most {MaxLength:N0} are read";
            return false;
        }

        var key = new StringBuilder();
        var value = new StringBuilder();
        bool inValue = false;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ';';
            if (c == '\\' && i + 1 < text.Length)
            {
                (inValue ? value : key).Append(text[++i]);
                continue;
            }

            if (c == ';')
            {
                string name = key.ToString().Trim();
                if (!inValue && name.Length == 0 && i == text.Length) break;   // the end, after a final ';' or of an empty text
                if (!inValue || name.Length == 0)
                {
                    reason = name.Length == 0 ? $"a piece has no element name before '=' (character {i + 1})" : $"'{name}' has no '=value'";
                    return false;
                }

                elements.Add(new KeyValuePair<string, string>(name, value.ToString()));
                key.Clear();
                value.Clear();
                inValue = false;
            }
            else if (c == '=' && !inValue)
            {
                inValue = true;
            }
            else
            {
                (inValue ? value : key).Append(c);
            }
        }

        return true;
    }
}

/// <summary>
/// A data address as the service reports it (GetAddress / ListAddress), plus what New-MgwAddress knows of the input
/// (<see cref="Row"/>).
/// </summary>
public sealed class MgwAddress
{
    /// <summary>Address name.</summary>
    public string? Name { get; init; }
    /// <summary>Where it points.</summary>
    public MgwAddressDetail Detail { get; init; } = new();
    /// <summary>The address type as sent (<c>oss</c>, <c>s3</c>, <c>nas</c>…).</summary>
    public string? AddressType => Detail.AddressType;
    /// <summary>What kind of place it is, from its type.</summary>
    public MgwAddressKind Kind => MgwAddressTypes.KindOf(Detail.AddressType);
    /// <summary>Where it points, in a few words (<c>bucket/prefix (oss-cn-beijing)</c>, <c>agent1,agent2:/data/</c>…).</summary>
    public string Location => MgwAddressLocation.Describe(Detail);
    /// <summary>The agents that reach it (file systems), in order; as text (<c>Export-Csv</c>), <c>a1,a2</c>.</summary>
    public MgwNameList Agents => new(Detail.Agents);
    /// <summary>The AccessKey ID it uses, masked (storage key, else inventory key); null with a role.</summary>
    public string? AccessKeyId => Detail.AccessId ?? Detail.InvAccessId;
    /// <summary>Tags as sent (<c>k1:v1,k2:v2</c>).</summary>
    public string? Tags { get; init; }
    /// <summary>The owner's account ID.</summary>
    public string? Owner { get; init; }
    /// <summary>Address ID.</summary>
    public string? Version { get; init; }
    /// <summary>Status as sent (the service's sample says <c>avaliable</c>).</summary>
    public string? Status { get; init; }
    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset? CreateTime { get; init; }
    /// <summary>Last modification (UTC).</summary>
    public DateTimeOffset? ModifyTime { get; init; }
    /// <summary>Last verification (UTC).</summary>
    public DateTimeOffset? VerifyTime { get; init; }
    /// <summary>HTTP code of the last verification.</summary>
    public string? VerifyHttpCode { get; init; }
    /// <summary>Error code of the last verification.</summary>
    public string? VerifyErrorCode { get; init; }
    /// <summary>Error message of the last verification.</summary>
    public string? VerifyErrorMessage { get; init; }
    /// <summary>
    /// The last verification's outcome: <see cref="MgwVerifyState.NotVerified"/> without a verify time,
    /// <see cref="MgwVerifyState.Failed"/> with an error code or an HTTP code other than 2xx, else
    /// <see cref="MgwVerifyState.Available"/>.
    /// </summary>
    public MgwVerifyState VerifyState =>
        VerifyTime is null ? MgwVerifyState.NotVerified
        : !string.IsNullOrWhiteSpace(VerifyErrorCode) || (VerifyHttpCode is { Length: > 0 } http && !http.Trim().StartsWith("2", StringComparison.Ordinal))
            ? MgwVerifyState.Failed
            : MgwVerifyState.Available;
    /// <summary>1-based position of the input in the pipeline, when New-MgwAddress created it from pipeline input.</summary>
    public int? Row { get; set; }
    /// <summary>Values the service sent that could not be typed (element path → text as sent); their properties are null.</summary>
    public IReadOnlyDictionary<string, string> UnreadValues { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override string ToString() => Name ?? "";
}

/// <summary>The answer of VerifyAddress (<c>VerifyAddressResponse</c>).</summary>
public sealed class MgwAddressVerification
{
    /// <summary>The address verified.</summary>
    public string? Name { get; init; }
    /// <summary>Verification status as sent (<c>available</c>; the service's sample spells it <c>avaliable</c>).</summary>
    public string? Status { get; init; }
    /// <summary>True when the status says the address is available (either spelling) and there is no error code.</summary>
    public bool IsAvailable =>
        string.IsNullOrWhiteSpace(ErrorCode) &&
        Status?.Trim() is { } s && (s.Equals("available", StringComparison.OrdinalIgnoreCase) || s.Equals("avaliable", StringComparison.OrdinalIgnoreCase));
    /// <summary>When it was verified (UTC).</summary>
    public DateTimeOffset? VerifyTime { get; init; }
    /// <summary>Error code when verification failed.</summary>
    public string? ErrorCode { get; init; }
    /// <summary>Error message when verification failed.</summary>
    public string? ErrorMessage { get; init; }
    /// <summary>Values the service sent that could not be typed (element path → text as sent); their properties are null.</summary>
    public IReadOnlyDictionary<string, string> UnreadValues { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Status}";
}

/// <summary>
/// Names in order (an address's agents): a read-only list whose text is <c>a1,a2</c>, so <c>Export-Csv</c> writes a cell
/// that New-MgwAddress reads back as the same agents.
/// </summary>
public sealed class MgwNameList : ReadOnlyCollection<string>
{
    /// <summary>Wraps a copy of <paramref name="names"/>.</summary>
    public MgwNameList(IEnumerable<string> names)
        : base((names ?? Enumerable.Empty<string>()).ToList())
    {
    }

    /// <summary>The names joined by commas.</summary>
    public override string ToString() => string.Join(",", this);
}

/// <summary>The short description of where an address points (<see cref="MgwAddress.Location"/>).</summary>
internal static class MgwAddressLocation
{
    public static string Describe(MgwAddressDetail d)
    {
        string Join(string? bucket, string? path) => (bucket ?? "") + (string.IsNullOrEmpty(path) ? "" : "/" + path);
        switch (MgwAddressTypes.KindOf(d.AddressType))
        {
            case MgwAddressKind.Oss:
                return Join(d.Bucket, d.Prefix) + (d.RegionId is { Length: > 0 } r ? $" ({r})" : "");
            case MgwAddressKind.ObjectStore:
                return Join(d.Bucket, d.Prefix) + (d.Domain is { Length: > 0 } domain ? " at " + domain : "");
            case MgwAddressKind.FileSystem:
                return string.Join(",", d.Agents) + ":" + (d.Prefix ?? "");
            case MgwAddressKind.OssInventory:
            case MgwAddressKind.UrlList:
                return "list " + Join(d.InvBucket, d.InvPath) + (d.InvRegionId is { Length: > 0 } ir ? $" ({ir})" : d.InvDomain is { Length: > 0 } id ? " at " + id : "");
            default:
                return (d.AddressType ?? "") + ":" + Join(d.Bucket ?? d.InvBucket, d.Prefix ?? d.InvPath);
        }
    }
}

/// <summary>The file system an agent reaches (<c>New-MgwAddress -FileSystem</c>): the address type <c>nas</c> or <c>local</c>.</summary>
public enum MgwFileSystem
{
    /// <summary>A NAS share mounted on the agents' hosts (<c>nas</c>).</summary>
    Nas,
    /// <summary>A local file system of the agents' hosts (<c>local</c>).</summary>
    Local,
}
