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
    private ServiceLookup<MgwAddress>? _addresses;

    /// <summary>Address names; wildcards list every address and keep those that match. All addresses when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    public string[]? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        WriteObject(Addresses.Find(Name), enumerateCollection: true);

    private ServiceLookup<MgwAddress> Addresses => _addresses ??= Lookup((c, ct) => c.ListAllAddressesAsync(cancellationToken: ct), (c, name, ct) => c.GetAddressAsync(name, ct), a => a.Name);
}
