using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MgwTools.Completers;

/// <summary>Completes from a fixed list of (value, tooltip) pairs, matching the typed prefix ignoring case.</summary>
internal abstract class FixedValuesCompleter : IArgumentCompleter
{
    /// <summary>The values and their tooltips.</summary>
    protected abstract IEnumerable<(string Value, string Tooltip)> Values { get; }

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(WildcardPattern.Escape(CompletionText.Unquote(wordToComplete)) + "*", WildcardOptions.IgnoreCase);
        return Values.Where(v => pattern.IsMatch(v.Value))
            .Select(v => new CompletionResult(v.Value, v.Value, CompletionResultType.ParameterValue, v.Tooltip))
            .ToArray();
    }
}

/// <summary>Completes <c>-BucketRegion</c>, <c>-InventoryRegion</c> and <c>-UrlListRegion</c> with the OSS regions.</summary>
internal sealed class OssRegionCompleter : FixedValuesCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<(string Value, string Tooltip)> Values =>
        MgwOssRegions.All.Select(r => (r, $"{r} (RegionId {MgwOssRegions.Wire(r)})"));
}

/// <summary>Completes <c>-Type</c> with the third-party object stores.</summary>
internal sealed class ObjectStoreTypeCompleter : FixedValuesCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<(string Value, string Tooltip)> Values =>
        MgwAddressTypes.ObjectStores.Select(t => (t.Name, $"{t.Name}: {t.Description} (AddressType {t.Wire})"));
}

/// <summary>Completes <c>-AddressType</c> with every address type MgwTools knows (the raw form takes others too).</summary>
internal sealed class AddressTypeCompleter : FixedValuesCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<(string Value, string Tooltip)> Values =>
        MgwAddressTypes.All.Select(t => (t.Wire, $"{t.Wire}: {t.Description}"));
}

/// <summary>Completes <c>-InventoryLocation</c>: where the inventory's manifest is kept.</summary>
internal sealed class InventoryLocationCompleter : FixedValuesCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<(string Value, string Tooltip)> Values => new[]
    {
        ("oss", "the manifest is in an OSS bucket (read with -InventoryRole or -InventoryCredential)"),
        ("s3", "the manifest is in an S3 bucket (read with -InventoryDomain and -InventoryCredential)"),
        ("cos", "the manifest is in a COS bucket (read with -InventoryDomain and -InventoryCredential)"),
    };
}
