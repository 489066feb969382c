using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Addresses;

namespace MgwTools.Core.Tests;

/// <summary>The address field table, binder and offline validator (issue 12 item 1).</summary>
public class AddressSpecTests
{
    private const string KeyId = "AKIAEXAMPLE123456789";
    private const string KeySecret = "s3cr3t-VALUE-never-shown-0042";
    private static readonly MgwStorageKey Key = new(KeyId, KeySecret);

    // A valid definition of each kind, by CSV/parameter names.
    private static Dictionary<string, object?> Base(string kind) => kind switch
    {
        "oss" => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Name"] = "oss-a", ["Type"] = "OSS", ["Bucket"] = "my-bucket", ["BucketRegion"] = "cn-beijing", ["Role"] = "MgwRole", ["Prefix"] = "data/2026/",
        },
        "ossinv" => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Name"] = "inv-a", ["Type"] = "ossinv", ["InventoryBucket"] = "inv-bucket", ["InventoryPath"] = "inv/manifest.json",
            ["InventoryRegion"] = "cn-hangzhou", ["InventoryRole"] = "InvRole",
        },
        "s3" => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Name"] = "s3-a", ["Type"] = "S3", ["Bucket"] = "aws-bucket", ["Domain"] = "s3.us-east-1.amazonaws.com", ["Credential"] = Key,
        },
        "nas" => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Name"] = "nas-a", ["Type"] = "NAS", ["Agent"] = new[] { "agent-a", "agent-b" }, ["Path"] = "/mnt/data/",
        },
        "http" => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Name"] = "web-a", ["Type"] = "Http", ["UrlListBucket"] = "lists", ["UrlListPath"] = "urls/list.txt", ["UrlListRegion"] = "cn-hangzhou",
            ["UrlListRole"] = "ListRole",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // "Field=value ;; Field=value" over a base; "Field=" removes the field; "~x" in a value stands for the test key.
    private static (MgwAddressSpec Spec, IReadOnlyList<MgwError> Findings) Run(string kind, string overrides = "", IDictionary? detail = null)
    {
        Dictionary<string, object?> values = Base(kind);
        foreach (string part in overrides.Split(new[] { " ;; " }, StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string key = part.Substring(0, eq), value = part.Substring(eq + 1);
            if (value.Length == 0) values.Remove(key);
            else values[key] = value == "~key" ? Key : value;
        }

        var (spec, binding) = AddressBinder.Bind(values, detail);
        return (spec, AddressValidator.Check(spec, binding));
    }

    [Theory]
    [InlineData("oss")]
    [InlineData("ossinv")]
    [InlineData("s3")]
    [InlineData("nas")]
    [InlineData("http")]
    public void EachKind_Valid_NoFindings(string kind)
    {
        var (_, findings) = Run(kind);
        Assert.Empty(findings);
    }

    [Fact]
    public void Oss_TheRegionGetsItsOssPrefix_AndTheKindFollowsTheType()
    {
        var (spec, _) = Run("oss");
        Assert.Equal("oss", spec.AddressType);
        Assert.Equal(MgwAddressKind.Oss, spec.Kind);
        Assert.Equal("oss-cn-beijing", spec.Detail.RegionId);
        Assert.Equal("my-bucket", spec.Detail.Bucket);
        Assert.Equal("data/2026/", spec.Detail.Prefix);
        Assert.Equal("MgwRole", spec.Detail.Role);
        Assert.Equal("oss-cn-beijing", Run("oss", "BucketRegion=oss-cn-beijing").Spec.Detail.RegionId);
    }

    [Fact]
    public void ObjectStore_TheKeyPairIsKeptInternally_TheIdShowsMasked()
    {
        var (spec, _) = Run("s3");
        Assert.Equal("s3", spec.AddressType);
        Assert.Equal(KeyId, spec.Detail.FullAccessId);
        Assert.Equal(KeySecret, spec.Detail.AccessSecret);
        Assert.True(spec.Detail.HasAccessSecret);
        Assert.Equal("AKIA*************789", spec.Detail.AccessId);
        Assert.Equal("azure", Run("s3", "Type=AzureBlob").Spec.AddressType);
    }

    [Fact]
    public void FileSystem_AgentsJoin_PathIsThePrefix_TypeFromNasOrLocal()
    {
        var (spec, _) = Run("nas");
        Assert.Equal("nas", spec.AddressType);
        Assert.Equal("agent-a,agent-b", spec.Detail.AgentList);
        Assert.Equal("/mnt/data/", spec.Detail.Prefix);
        Assert.Equal(new[] { "agent-a", "agent-b" }, Run("nas", "Agent=agent-a, agent-b").Spec.Detail.Agents);
        Assert.Equal("local", Run("nas", "Type=LocalFs").Spec.AddressType);
    }

    [Fact]
    public void InventoryAndUrlList_WriteTheInvElements()
    {
        var (inv, _) = Run("ossinv");
        Assert.Equal(("inv-bucket", "inv/manifest.json", "oss-cn-hangzhou", "InvRole"), (inv.Detail.InvBucket, inv.Detail.InvPath, inv.Detail.InvRegionId, inv.Detail.InvRole));
        var (web, _) = Run("http");
        Assert.Equal(("http", "lists", "urls/list.txt", "oss-cn-hangzhou", "ListRole"),
            (web.AddressType, web.Detail.InvBucket, web.Detail.InvPath, web.Detail.InvRegionId, web.Detail.InvRole));
        // An inventory in S3 keeps its region as given.
        var (s3inv, findings) = Run("ossinv", "InventoryLocation=S3 ;; InventoryRole= ;; InventoryCredential=~key ;; InventoryDomain=s3.amazonaws.com ;; InventoryRegion=us-east-1");
        Assert.Empty(findings);
        Assert.Equal(("s3", "us-east-1", KeyId, KeySecret), (s3inv.Detail.InvLocation, s3inv.Detail.InvRegionId, s3inv.Detail.FullInvAccessId, s3inv.Detail.InvAccessSecret));
    }

    public static TheoryData<string, string, string, string, MgwSeverity> Fires => new()
    {
        { "oss", "Name=", MgwErrorCodes.MissingValue, "Name", MgwSeverity.Error },
        { "oss", "Name=Bad_Name", MgwErrorCodes.InvalidAddressName, "Name", MgwSeverity.Error },
        { "oss", "Name=-lead", MgwErrorCodes.InvalidAddressName, "Name", MgwSeverity.Error },
        { "oss", "Type=", MgwErrorCodes.MissingValue, "AddressType", MgwSeverity.Error },
        { "oss", "Type=ftp", MgwErrorCodes.UnknownAddressType, "AddressType", MgwSeverity.Warning },
        { "oss", "Role=", MgwErrorCodes.MissingValue, "Role", MgwSeverity.Error },
        { "oss", "Bucket=", MgwErrorCodes.MissingValue, "Bucket", MgwSeverity.Error },
        { "oss", "BucketRegion=", MgwErrorCodes.MissingValue, "BucketRegion", MgwSeverity.Error },
        { "oss", "Domain=oss.example.com", MgwErrorCodes.FieldNotUsed, "Domain", MgwSeverity.Error },
        { "oss", "Credential=~key", MgwErrorCodes.FieldNotUsed, "Credential", MgwSeverity.Error },
        { "oss", "Bucket=My_Bucket", MgwErrorCodes.InvalidBucketName, "Bucket", MgwSeverity.Error },
        { "oss", "BucketRegion=cn beijing", MgwErrorCodes.InvalidRegion, "BucketRegion", MgwSeverity.Error },
        { "oss", "BucketRegion=mars-north-1", MgwErrorCodes.UnknownRegion, "BucketRegion", MgwSeverity.Warning },
        { "oss", "Prefix=/data/", MgwErrorCodes.InvalidPrefix, "Prefix", MgwSeverity.Error },
        { "oss", "Prefix=data", MgwErrorCodes.InvalidPrefix, "Prefix", MgwSeverity.Error },
        { "oss", "Prefix=data//x/", MgwErrorCodes.InvalidPrefix, "Prefix", MgwSeverity.Error },
        { "oss", "Role=two words", MgwErrorCodes.InvalidRoleName, "Role", MgwSeverity.Error },
        { "oss", "Bucket=bad\u0001bucket", MgwErrorCodes.InvalidValue, "Bucket", MgwSeverity.Error },
        { "oss", "Tag=k:v!", MgwErrorCodes.InvalidTag, "Tag", MgwSeverity.Error },
        { "oss", "Tag=no-colon", MgwErrorCodes.InvalidTag, "Tag", MgwSeverity.Error },
        { "oss", "AccessSecret=plain-text-secret-value", MgwErrorCodes.PlainTextSecret, "AccessSecret", MgwSeverity.Error },
        { "s3", "Credential=plain-text-secret-value", MgwErrorCodes.PlainTextSecret, "Credential", MgwSeverity.Error },
        { "s3", "Credential= ;; AccessId=AKIAEXAMPLE000000001", MgwErrorCodes.InvalidValue, "Credential", MgwSeverity.Error },
        { "s3", "Credential=", MgwErrorCodes.MissingValue, "Credential", MgwSeverity.Error },
        { "s3", "Domain=", MgwErrorCodes.MissingValue, "Domain", MgwSeverity.Error },
        { "s3", "Domain=not a domain", MgwErrorCodes.InvalidDomain, "Domain", MgwSeverity.Error },
        { "s3", "Domain=https://s3.amazonaws.com/bucket/path", MgwErrorCodes.InvalidDomain, "Domain", MgwSeverity.Error },
        { "s3", "Bucket=a/b", MgwErrorCodes.InvalidBucketName, "Bucket", MgwSeverity.Error },
        { "s3", "Role=MgwRole", MgwErrorCodes.FieldNotUsed, "Role", MgwSeverity.Error },
        { "s3", "BucketRegion=us-east-1", MgwErrorCodes.FieldNotUsed, "BucketRegion", MgwSeverity.Error },
        { "nas", "Path=mnt/data/", MgwErrorCodes.InvalidPath, "Path", MgwSeverity.Error },
        { "nas", "Path=/mnt/data", MgwErrorCodes.InvalidPath, "Path", MgwSeverity.Error },
        { "nas", "Path=", MgwErrorCodes.MissingValue, "Path", MgwSeverity.Error },
        { "nas", "Agent=", MgwErrorCodes.MissingValue, "Agent", MgwSeverity.Error },
        { "nas", "Agent=Bad!", MgwErrorCodes.InvalidAgentName, "Agent", MgwSeverity.Error },
        { "nas", "Agent=agent-a,agent-a", MgwErrorCodes.InvalidAgentName, "Agent", MgwSeverity.Error },
        { "nas", "Bucket=b-1", MgwErrorCodes.FieldNotUsed, "Bucket", MgwSeverity.Error },
        { "ossinv", "InventoryLocation=ftp", MgwErrorCodes.InvalidInventoryLocation, "InventoryLocation", MgwSeverity.Error },
        { "ossinv", "InventoryCredential=~key", MgwErrorCodes.RoleAndCredential, "InventoryRole", MgwSeverity.Error },
        { "ossinv", "InventoryRole=", MgwErrorCodes.MissingValue, "InventoryRole", MgwSeverity.Error },
        { "ossinv", "InventoryRegion=", MgwErrorCodes.MissingValue, "InventoryRegion", MgwSeverity.Error },
        { "ossinv", "InventoryPath=/inv/manifest.json", MgwErrorCodes.InvalidPath, "InventoryPath", MgwSeverity.Error },
        { "ossinv", "InventoryPath=inv/", MgwErrorCodes.InvalidPath, "InventoryPath", MgwSeverity.Error },
        { "ossinv", "InventoryLocation=cos ;; InventoryRole= ;; InventoryCredential=~key", MgwErrorCodes.MissingValue, "InventoryDomain", MgwSeverity.Error },
        { "ossinv", "InventoryLocation=cos ;; InventoryDomain=cos.ap-beijing.myqcloud.com", MgwErrorCodes.FieldNotUsed, "InventoryRole", MgwSeverity.Error },
        { "ossinv", "InventoryBucket=Inv_Bucket", MgwErrorCodes.InvalidBucketName, "InventoryBucket", MgwSeverity.Error },
        { "http", "UrlListRegion=", MgwErrorCodes.MissingValue, "UrlListRegion", MgwSeverity.Error },
        { "http", "UrlListRole=", MgwErrorCodes.MissingValue, "UrlListRole", MgwSeverity.Error },
        { "oss", "Agent=agent-a", MgwErrorCodes.FieldNotUsed, "Agent", MgwSeverity.Error },
        { "s3", "Agent=Agent 7", MgwErrorCodes.InvalidAgentName, "Agent", MgwSeverity.Error },
        { "oss", "RegionId=cn-shanghai", MgwErrorCodes.AmbiguousValue, "BucketRegion", MgwSeverity.Error },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Rule_Fires_WithItsCodeFieldAndSeverity(string kind, string overrides, string code, string field, MgwSeverity severity)
    {
        var (_, findings) = Run(kind, overrides);
        MgwError finding = Assert.Single(findings, f => f.Code == code);
        Assert.Equal(field, finding.Field);
        Assert.Equal(severity, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.Null(finding.Row);
        Assert.DoesNotContain(KeySecret, finding.Message);
        Assert.DoesNotContain("plain-text-secret-value", finding.Message + finding.Value);
    }

    [Fact]
    public void EveryFindingAtOnce()
    {
        var (_, findings) = Run("oss", "Name=Bad_Name ;; Bucket=BAD ;; BucketRegion=cn beijing ;; Role= ;; Prefix=/x ;; Domain=d.example.com");
        Assert.Equal(
            new[] { MgwErrorCodes.InvalidAddressName, MgwErrorCodes.MissingValue, MgwErrorCodes.FieldNotUsed, MgwErrorCodes.InvalidBucketName, MgwErrorCodes.InvalidRegion, MgwErrorCodes.InvalidPrefix },
            findings.Select(f => f.Code).ToArray());
    }

    [Fact]
    public void UnknownType_OnlyGenericRules_AndSentAsGiven()
    {
        var (spec, findings) = Run("oss", "Type=hdfs ;; Role= ;; BucketRegion=");
        Assert.Equal("hdfs", spec.AddressType);
        Assert.Equal(MgwAddressKind.Other, spec.Kind);
        Assert.Equal(MgwErrorCodes.UnknownAddressType, Assert.Single(findings).Code);
    }

    [Fact]
    public void RawDetail_BindsByApiNames_RefusesUnknownKeysAndSecrets()
    {
        var detail = new Hashtable { ["Bucket"] = "raw-bucket", ["RegionId"] = "oss-cn-shanghai", ["Role"] = "r1", ["Foo"] = "bar", ["AccessSecret"] = "plain-text-secret-value" };
        var (spec, binding) = AddressBinder.Bind(new Dictionary<string, object?> { ["Name"] = "raw-a", ["AddressType"] = "oss" }, detail);
        IReadOnlyList<MgwError> findings = AddressValidator.Check(spec, binding);
        Assert.Equal(new[] { MgwErrorCodes.PlainTextSecret, MgwErrorCodes.UnknownDetailField }, findings.Select(f => f.Code).OrderBy(c => c).ToArray());
        Assert.Equal("Foo", findings.Single(f => f.Code == MgwErrorCodes.UnknownDetailField).Field);
        Assert.DoesNotContain(findings, f => (f.Message + f.Value).Contains("plain-text-secret-value"));
        Assert.Equal(("raw-bucket", "oss-cn-shanghai", "r1"), (spec.Detail.Bucket, spec.Detail.RegionId, spec.Detail.Role));
        // A field that is not an element (the name, the tags) cannot come through -Detail either.
        var (_, named) = AddressBinder.Bind(new Dictionary<string, object?> { ["Name"] = "raw-b" }, new Hashtable { ["Name"] = "other" });
        Assert.Equal(MgwErrorCodes.UnknownDetailField, Assert.Single(named).Code);
    }

    [Fact]
    public void Values_Bounded_NonTextRefused()
    {
        Assert.Equal(MgwErrorCodes.ValueTooLong, Assert.Single(Run("oss", "Bucket=" + new string('b', 5000)).Findings).Code);
        var (_, table) = AddressBinder.Bind(new Dictionary<string, object?> { ["Name"] = "x-1", ["Bucket"] = new Hashtable { ["a"] = 1 } });
        Assert.Equal(MgwErrorCodes.InvalidValue, Assert.Single(table).Code);
        var (_, many) = AddressBinder.Bind(new Dictionary<string, object?> { ["Agent"] = Enumerable.Range(0, 1_000_000).Select(i => "agent-" + i).ToArray() });
        Assert.Equal(MgwErrorCodes.TooManyValues, Assert.Single(many).Code);
        Assert.Equal(MgwErrorCodes.TooManyValues, Assert.Single(AddressValidator.CheckAgents(Enumerable.Range(0, 101).Select(i => "agent-" + i).ToList())).Code);
    }

    [Fact]
    public void BindingFindings_NameTheFieldAsTheKindsParameter_AndAreNotReportedTwice()
    {
        Dictionary<string, object?> nas = Base("nas");
        nas["Path"] = new[] { "/mnt/a/", "/mnt/b/" };
        var (spec, binding) = AddressBinder.Bind(nas);
        MgwError twice = Assert.Single(AddressValidator.Check(spec, binding));
        Assert.Equal((MgwErrorCodes.InvalidValue, "Path", "-Path takes one text value, not 2 values."), (twice.Code, twice.Field, twice.Message));
        MgwError tooLong = Assert.Single(Run("nas", "Path=/" + new string('d', 2000) + "/").Findings);
        Assert.Equal((MgwErrorCodes.ValueTooLong, "Path", "-Path is 2,002 characters; an address field takes at most 1,024."), (tooLong.Code, tooLong.Field, tooLong.Message));
        MgwError url = Assert.Single(Run("http", "UrlListPath=" + new string('u', 2000)).Findings);
        Assert.Equal(("UrlListPath", "-UrlListPath is 2,000 characters; an address field takes at most 1,024."), (url.Field, url.Message));
        // An OSS prefix keeps its own name.
        Assert.Equal("Prefix", Assert.Single(Run("oss", "Prefix=" + new string('p', 2000)).Findings).Field);
    }

    [Fact]
    public void RunDefaults_ApplyWhereTheRowLacksThem_KeysOnlyWhereTheKindReadsOne()
    {
        var defaults = new Dictionary<string, object?> { ["Credential"] = Key, ["InventoryCredential"] = Key, ["Tag"] = "team:data" };
        (MgwAddressSpec Spec, IReadOnlyList<MgwError> Findings) Bind(Dictionary<string, object?> row)
        {
            var (spec, binding) = AddressBinder.Bind(row, null, defaults);
            return (spec, AddressValidator.Check(spec, binding));
        }

        var oss = Bind(Base("oss"));
        Assert.Empty(oss.Findings);
        Assert.Null(oss.Spec.Detail.FullAccessId);
        Assert.Equal("team:data", oss.Spec.TagText);

        Dictionary<string, object?> s3Row = Base("s3");
        s3Row.Remove("Credential");
        var s3 = Bind(s3Row);
        Assert.Empty(s3.Findings);
        Assert.Equal((KeyId, KeySecret), (s3.Spec.Detail.FullAccessId, s3.Spec.Detail.AccessSecret));

        Assert.Null(Bind(Base("ossinv")).Spec.Detail.FullInvAccessId);   // it names a role
        Dictionary<string, object?> invRow = Base("ossinv");
        invRow.Remove("InventoryRole");
        var inv = Bind(invRow);
        Assert.Empty(inv.Findings);
        Assert.Equal(KeyId, inv.Spec.Detail.FullInvAccessId);

        Dictionary<string, object?> tagged = Base("oss");
        tagged["Tags"] = "own:tag";
        Assert.Equal("own:tag", Bind(tagged).Spec.TagText);
    }

    [Theory]
    [InlineData("BucketRegon", "BucketRegion")]
    [InlineData("Prefx", "Prefix")]
    [InlineData("inventory_bucket", "InventoryBucket")]
    [InlineData("AgentLst", "Agent")]
    [InlineData("InvRegion", "InventoryRegion")]
    public void Columns_AnUnknownOne_IsAnAddressFinding_WithTheClosestField(string column, string closest)
    {
        var check = AddressFields.ColumnCheck(new[] { "Location", "Version" });
        foreach (string name in AddressFields.All.SelectMany(f => f.Names).Concat(AddressFields.SecretNames)) Assert.True(check.IsKnown(name.ToLowerInvariant()), name);
        Assert.True(check.IsKnown("Location"));
        Assert.Null(check.Closest("AccesSecret"));   // a secret name is known, never suggested
        MgwError warning = Assert.Single(check.Check(new[] { column, "Name", "Location" }, strict: false));
        Assert.Equal(MgwErrorCodes.UnknownColumn, warning.Code);
        Assert.Equal(MgwSeverity.Warning, warning.Severity);
        Assert.Equal($"Column '{column}' names no address field, so its values are ignored. Did you mean '{closest}'? " +
                     "Rename the column, or remove it; -Strict makes this an error.", warning.Message);
        MgwError error = Assert.Single(check.Check(new[] { column }, strict: true));
        Assert.Equal(MgwSeverity.Error, error.Severity);
    }

    [Fact]
    public void Columns_JoinedAddressFieldNames_AreTheWrongDelimiter()
    {
        MgwError error = Assert.Single(AddressFields.ColumnCheck(null).Check(new[] { "Name;Type;Bucket" }, strict: false, readWith: ',', fromFile: true));
        Assert.Equal(MgwErrorCodes.WrongDelimiter, error.Code);
        Assert.StartsWith("The input has a column named 'Name;Type;Bucket': address field names joined by ';'", error.Message);
    }

    [Fact]
    public void SameValueUnderTwoNames_Binds()
    {
        var (_, findings) = Run("oss", "RegionId=oss-cn-beijing ;; BucketRegion=oss-cn-beijing");
        Assert.Empty(findings);
    }

    [Fact]
    public void Summary_MasksTheKey_NamesTheSecretOnly()
    {
        string summary = Run("s3", "Tag=team:data").Spec.Summary();
        Assert.Equal("s3: Bucket 'aws-bucket', Domain 's3.us-east-1.amazonaws.com', Credential AKIA*************789 with its secret, Tag 'team:data'", summary);
        Assert.DoesNotContain(KeySecret, summary);
        Assert.Equal("nas: Path '/mnt/data/', Agent 'agent-a,agent-b'", Run("nas").Spec.Summary());
    }

    [Fact]
    public void DifferingFields_ComparesByMeaning()
    {
        MgwAddressSpec oss = Run("oss", "Tag=team:data").Spec;
        MgwAddress Same(Action<MgwAddressDetail>? change = null, string? tags = "team:data")
        {
            var d = new MgwAddressDetail { AddressType = "OSS", Bucket = "my-bucket", RegionId = "cn-beijing", Role = "MgwRole", Prefix = "data/2026/" };
            change?.Invoke(d);
            return new MgwAddress { Name = "oss-a", Detail = d, Tags = tags };
        }

        Assert.Empty(oss.DifferingFields(Same()));
        Assert.Equal(new[] { "Prefix" }, oss.DifferingFields(Same(d => d.Prefix = "other/")));
        Assert.Equal(new[] { "Bucket", "Role" }, oss.DifferingFields(Same(d => { d.Bucket = "b2"; d.Role = "r2"; })));
        Assert.Equal(new[] { "Tag" }, oss.DifferingFields(Same(tags: "team:ops")));
        Assert.Equal(new[] { "Tag" }, oss.DifferingFields(Same(tags: null)));

        MgwAddressSpec nas = Run("nas").Spec;
        var reordered = new MgwAddress { Name = "nas-a", Detail = new MgwAddressDetail { AddressType = "nas", AgentList = "agent-b, agent-a", Prefix = "/mnt/data/" } };
        Assert.Empty(nas.DifferingFields(reordered));

        MgwAddressSpec s3 = Run("s3").Spec;
        var otherKey = new MgwAddressDetail { AddressType = "s3", Bucket = "aws-bucket", Domain = "S3.US-EAST-1.AMAZONAWS.COM" };
        otherKey.SetAccessKey("AKIAOTHERKEY00000000", null);
        Assert.Equal(new[] { "Credential" }, s3.DifferingFields(new MgwAddress { Name = "s3-a", Detail = otherKey }));
    }

    [Fact]
    public void Types_KnownNamesAndAliases()
    {
        Assert.Equal("azure", MgwAddressTypes.Find("blob")!.Wire);
        Assert.Equal(MgwAddressKind.FileSystem, MgwAddressTypes.KindOf("LOCAL"));
        Assert.Equal(MgwAddressKind.Other, MgwAddressTypes.KindOf("gopher"));
        Assert.Null(MgwAddressTypes.Find(" "));
        Assert.Equal(8, MgwAddressTypes.ObjectStores.Count());
        Assert.True(MgwOssRegions.IsKnown("oss-cn-beijing"));
        Assert.Equal("oss-ap-southeast-1", MgwOssRegions.Wire("AP-SOUTHEAST-1"));
    }

    [Fact]
    public void Address_VerifyStateAndLocation()
    {
        Assert.Equal(MgwVerifyState.NotVerified, new MgwAddress().VerifyState);
        Assert.Equal(MgwVerifyState.Available, new MgwAddress { VerifyTime = DateTimeOffset.UnixEpoch, VerifyHttpCode = "200" }.VerifyState);
        Assert.Equal(MgwVerifyState.Failed, new MgwAddress { VerifyTime = DateTimeOffset.UnixEpoch, VerifyErrorCode = "AccessDenied" }.VerifyState);
        Assert.Equal(MgwVerifyState.Failed, new MgwAddress { VerifyTime = DateTimeOffset.UnixEpoch, VerifyHttpCode = "403" }.VerifyState);
        Assert.Equal("my-bucket/data/2026/ (oss-cn-beijing)", new MgwAddress { Detail = Run("oss").Spec.Detail }.Location);
        Assert.Equal("agent-a,agent-b:/mnt/data/", new MgwAddress { Detail = Run("nas").Spec.Detail }.Location);
        Assert.Equal("aws-bucket at s3.us-east-1.amazonaws.com", new MgwAddress { Detail = Run("s3").Spec.Detail }.Location);
        Assert.Equal("list lists/urls/list.txt (oss-cn-hangzhou)", new MgwAddress { Detail = Run("http").Spec.Detail }.Location);
        Assert.True(new MgwAddressVerification { Status = "avaliable" }.IsAvailable);
        Assert.False(new MgwAddressVerification { Status = "available", ErrorCode = "AccessDenied" }.IsAvailable);
        Assert.False(new MgwAddressVerification { Status = "unavailable" }.IsAvailable);
    }

    [Fact]
    public void InUse_IsItsOwnKind()
    {
        Assert.Equal(MgwErrorKind.InUse, MgwErrorKinds.Of(MgwServiceCodes.ImportAddressIsOccupied, 409, true));
        Assert.Equal(MgwErrorKind.InUse, MgwErrorKinds.Of("ImportAgentIsOccupied", 409, true));
        Assert.Equal(MgwErrorKind.Quota, MgwErrorKinds.Of(MgwServiceCodes.ImportAddressNumExceed, 400, true));
        Assert.Equal(MgwErrorKind.Exists, MgwErrorKinds.Of(MgwErrorCodes.ImportAddressSpecConflict, null, false));
    }
}
