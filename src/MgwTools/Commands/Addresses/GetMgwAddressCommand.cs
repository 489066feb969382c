using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MgwTools.Completers;

namespace MgwTools.Commands;

/// <summary>
/// <c>Get-MgwAddress</c>: data addresses by name (GetAddress), by wildcard, or all of them (ListAddress, every page).
/// A name without wildcards that does not exist is the service's <c>NoSuchImportAddress</c>; a wildcard that matches
/// nothing returns nothing.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MgwAddress")]
[OutputType(typeof(MgwAddress))]
public sealed class GetMgwAddressCommand : AddressServiceCmdlet
{
    private IReadOnlyList<MgwAddress>? _all;

    /// <summary>Address names; wildcards list every address and keep those that match. All addresses when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    public string[]? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Name is null || Name.Length == 0)
        {
            if (All() is { } all) WriteObject(all, enumerateCollection: true);
            return;
        }

        foreach (string name in Name)
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                if (All() is { } all) WriteObject(all.Where(a => a.Name is not null && pattern.IsMatch(a.Name)), enumerateCollection: true);
            }
            else if (TryCall((client, ct) => client.GetAddressAsync(name, ct), name, out MgwAddress address))
            {
                WriteObject(address);
            }
        }
    }

    // Every address, listed once per command (page after page).
    private IReadOnlyList<MgwAddress>? All()
    {
        if (_all is null && TryCall((client, ct) => client.ListAllAddressesAsync(cancellationToken: ct), null, out IReadOnlyList<MgwAddress> all))
        {
            _all = all;
            WriteVerbose($"Get-MgwAddress: the service lists {all.Count} address(es).");
        }

        return _all;
    }
}
