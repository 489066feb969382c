using System.Management.Automation;
using MgwTools.Completers;

namespace MgwTools.Commands;

/// <summary>
/// <c>Test-MgwAddress</c>: asks the service to verify data addresses (VerifyAddress) and returns its answer as an
/// <see cref="MgwAddressVerification"/> (status, time, error code and message), or with <c>-Quiet</c> only whether
/// each address is available. A failed verification is an answer, not an error.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "MgwAddress")]
[OutputType(typeof(MgwAddressVerification))]
[OutputType(typeof(bool))]
public sealed class TestMgwAddressCommand : AddressServiceCmdlet
{
    /// <summary>The addresses to verify.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AddressNameCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    /// <summary>Return only $true (available) or $false per address; an address that does not exist is $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (string name in Name)
        {
            MgwAddressVerification verification;
            if (Quiet)
            {
                Core.Client.MgwClient client = Client;
                try
                {
                    verification = Await(ct => client.VerifyAddressAsync(name, ct));
                }
                catch (MgwException ex) when (ex.Error.Kind == MgwErrorKind.NotFound)
                {
                    WriteVerbose($"Test-MgwAddress: address '{name}' does not exist ({ex.Error.Code}).");
                    WriteObject(false);
                    continue;
                }
                catch (MgwException ex)
                {
                    WriteMgwError(ex.Error, name, ex);
                    continue;
                }
            }
            else if (!TryCall((client, ct) => client.VerifyAddressAsync(name, ct), name, out verification))
            {
                continue;
            }

            WriteVerbose(verification.IsAvailable
                ? $"Test-MgwAddress: address '{name}' is available."
                : $"Test-MgwAddress: address '{name}' is {verification.Status}: {verification.ErrorCode} {verification.ErrorMessage}".TrimEnd());
            WriteObject(Quiet ? verification.IsAvailable : verification);
        }
    }
}
