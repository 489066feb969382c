using System;
using System.Collections.Generic;

namespace MgwTools;

/// <summary>
/// Where a data address points (<c>AddressDetail</c>, mgw-api.md §2.8). The storage secrets
/// (<c>AccessSecret</c>, <c>InvAccessSecret</c>) are write-only: set them with
/// <see cref="SetAccessSecret"/> / <see cref="SetInvAccessSecret"/>; they are sent on CreateAddress
/// and never kept from a response, printed or serialised.
/// </summary>
public sealed class MgwAddressDetail
{
    /// <summary>Address type, e.g. <c>oss</c>, <c>s3</c>, <c>ossinv</c>, <c>local</c>.</summary>
    public string? AddressType { get; set; }
    /// <summary>Bucket name.</summary>
    public string? Bucket { get; set; }
    /// <summary>Bucket domain / endpoint (not needed for OSS with <see cref="RegionId"/>).</summary>
    public string? Domain { get; set; }
    /// <summary>Storage AccessKey ID (not needed for OSS with <see cref="Role"/>).</summary>
    public string? AccessId { get; set; }
    /// <summary>Key prefix.</summary>
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
    /// <summary>Inventory AccessKey ID.</summary>
    public string? InvAccessId { get; set; }
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

    internal string? AccessSecret { get; private set; }

    internal string? InvAccessSecret { get; private set; }

    /// <summary>Sets the storage AccessKey secret sent on CreateAddress.</summary>
    public void SetAccessSecret(string? secret) => AccessSecret = string.IsNullOrEmpty(secret) ? null : secret;

    /// <summary>Sets the inventory AccessKey secret sent on CreateAddress.</summary>
    public void SetInvAccessSecret(string? secret) => InvAccessSecret = string.IsNullOrEmpty(secret) ? null : secret;

    /// <inheritdoc />
    public override string ToString() => $"{AddressType}:{Bucket}/{Prefix}";
}

/// <summary>A data address as the service reports it (GetAddress / ListAddress).</summary>
public sealed class MgwAddress
{
    /// <summary>Address name.</summary>
    public string? Name { get; init; }
    /// <summary>Where it points.</summary>
    public MgwAddressDetail Detail { get; init; } = new();
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
    /// <summary>Verification status as sent.</summary>
    public string? Status { get; init; }
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
