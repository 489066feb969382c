using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// <para type="synopsis">Forgets the context (and with it the credentials) of this PowerShell session.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "Mgw", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MgwContext))]
public sealed class DisconnectMgwCommand : MgwCmdlet
{
    /// <summary>Returns the context that was cleared (to reconnect later with -Context).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        MgwContext? context = MgwSession.Get();
        if (context is null)
        {
            WriteVerbose("The session has no context; nothing to disconnect.");
            return;
        }

        if (ShouldProcess($"account '{context.AccountId}' in region '{context.Region}' as {context.AccessKeyId} ({context.CredentialSource})",
                "Disconnect the session"))
        {
            MgwSession.Clear();
            if (PassThru)
            {
                WriteObject(context);
            }

            WriteVerbose($"Disconnected: the context for account '{context.AccountId}' in region '{context.Region}' is cleared; no request was sent.");
        }
    }
}
