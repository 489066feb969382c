using System.Collections.Generic;
using System.Linq;
using MgwTools.Core.Addresses;

namespace MgwTools.Core.Tests;

/// <summary>The text an address's Detail exports as (Export-Csv), and reading it back through the binder.</summary>
public class AddressDetailTextTests
{
    [Fact]
    public void WritesTheElementsSetInWireOrderWithoutKeys()
    {
        var detail = new MgwAddressDetail { AddressType = "s3", Bucket = "logs", Domain = "s3.amazonaws.com", Prefix = "2026/" };
        detail.SetAccessKey("AKIAEXAMPLE123456789", "s3cr3t-never-shown");
        Assert.Equal("AddressType=s3;Bucket=logs;Domain=s3.amazonaws.com;Prefix=2026/", detail.ToString());
    }

    [Theory]
    [InlineData("a;b")]
    [InlineData("k=v")]
    [InlineData(@"back\slash")]
    [InlineData(@"all;=\;\")]
    [InlineData("")]
    public void AValueWithTheSeparatorsReadsBackTheSame(string prefix)
    {
        var detail = new MgwAddressDetail { AddressType = "oss", Bucket = "b", Prefix = prefix, AgentList = "a1,a2" };
        Assert.True(MgwAddressDetailText.TryRead(detail.ToString(), out var elements, out _));
        Assert.Equal(detail.Elements().ToList(), elements);
    }

    [Theory]
    [InlineData("AddressType=oss;Bucket", "'Bucket' has no '=value'")]
    [InlineData("=oss", "a piece has no element name before '=' (character 5)")]
    [InlineData("AddressType=oss;;Bucket=b", "a piece has no element name before '=' (character 17)")]
    public void RefusesTextNotInTheForm(string text, string reason)
    {
        Assert.False(MgwAddressDetailText.TryRead(text, out _, out string why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void AnEmptyTextOrAFinalSeparatorIsFine()
    {
        Assert.True(MgwAddressDetailText.TryRead("", out var none, out _));
        Assert.Empty(none);
        Assert.True(MgwAddressDetailText.TryRead("AddressType=oss;", out var one, out _));
        Assert.Equal(new[] { new KeyValuePair<string, string>("AddressType", "oss") }, one);
    }

    [Fact]
    public void RefusesAnOverlongText()
    {
        Assert.False(MgwAddressDetailText.TryRead("Bucket=" + new string('x', MgwAddressDetailText.MaxLength), out _, out string why));
        Assert.StartsWith("it is 32,775 characters", why);
    }

    [Fact]
    public void TheBinderReadsADetailColumnAsTheSameDefinition()
    {
        var original = new MgwAddressDetail { AddressType = "nas", Prefix = "/mnt/a;b/", AgentList = "agent-a,agent-b" };
        var row = new Dictionary<string, object?> { ["Name"] = "nas-a", ["Detail"] = original.ToString(), ["Agents"] = "agent-a,agent-b", ["AddressType"] = "nas" };
        var (spec, findings) = AddressBinder.Bind(row);
        Assert.Empty(findings);
        Assert.Equal(original.ToString(), spec.Detail.ToString());
    }

    [Fact]
    public void TheBinderReadsADetailObject()
    {
        var original = new MgwAddressDetail { AddressType = "oss", Bucket = "photos", RegionId = "oss-cn-beijing", Role = "r1" };
        var (spec, findings) = AddressBinder.Bind(new Dictionary<string, object?> { ["Name"] = "oss-a", ["Detail"] = original });
        Assert.Empty(findings);
        Assert.Equal(original.ToString(), spec.Detail.ToString());
    }

    [Fact]
    public void ADetailThatIsNotTheTextIsAFindingOnDetail()
    {
        var (_, findings) = AddressBinder.Bind(new Dictionary<string, object?> { ["Name"] = "oss-a", ["Detail"] = "AddressType=oss;Bucket" });
        MgwError finding = Assert.Single(findings, f => f.Field == "Detail");
        Assert.Equal(MgwErrorCodes.InvalidValue, finding.Code);
        Assert.Contains("('Bucket' has no '=value')", finding.Message);
    }
}
