using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// <para type="synopsis">Gets the context Connect-Mgw stored for this PowerShell session.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "MgwContext")]
[OutputType(typeof(MgwContext))]
public sealed class GetMgwContextCommand : MgwCmdlet
{
    /// <inheritdoc />
    protected override void EndProcessing()
    {
        MgwContext? context = MgwSession.Get();
        if (context is null)
        {
            // Non-terminating: `Get-MgwContext -ErrorAction Ignore` is the quiet "am I connected?" test.
            WriteMgwError(MgwSession.NotConnectedError(), null);
            return;
        }

        WriteObject(context);
    }
}
