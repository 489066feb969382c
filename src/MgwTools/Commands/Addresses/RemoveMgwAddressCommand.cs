using System.Management.Automation;
using MgwTools.Completers;

namespace MgwTools.Commands;

/// <summary>
/// <c>Remove-MgwAddress</c>: deletes data addresses (DeleteAddress). ConfirmImpact High: it asks first unless
/// <c>-Confirm:$false</c>. An address a job uses is refused by the service (<c>ImportAddressIsOccupied</c>).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "MgwAddress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMgwAddressCommand : AddressServiceCmdlet
{
    /// <summary>The addresses to delete (no wildcards).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (string name in Name)
        {
            if (!ShouldProcess($"Remove data address '{name}'.", $"Remove data address '{name}'?", "Remove-MgwAddress")) continue;
            if (TryCall((client, ct) => client.DeleteAddressAsync(name, ct), name))
            {
                WriteVerbose($"Remove-MgwAddress: address '{name}' was removed.");
            }
        }
    }
}
