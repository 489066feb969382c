using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// Base of every cmdlet that calls the service: owns <c>-Context</c> and turns "no context" into the
/// <see cref="MgwErrorCodes.NotConnected"/> error. The HTTP client (branch <c>client</c>) is to be
/// built from <see cref="ResolveContext"/>: that method is the one place a service cmdlet gets its
/// account, endpoint and credentials.
/// </summary>
public abstract class MgwServiceCmdlet : MgwCmdlet
{
    /// <summary>
    /// The account, region, endpoint and credentials to use instead of the session's current context
    /// (from <c>Connect-Mgw -PassThru</c> or <c>Get-MgwContext</c>), for scripts that work with several accounts.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public MgwContext? Context { get; set; }

    /// <summary>
    /// <c>-Context</c> when given, else the runspace's current context; stops the command with
    /// <see cref="MgwErrorCodes.NotConnected"/> when there is neither.
    /// </summary>
    protected MgwContext ResolveContext()
    {
        MgwContext? context = Context ?? MgwSession.Get();
        if (context is null)
        {
            ThrowMgwError(MgwSession.NotConnectedError(), null);
        }

        return context!;
    }
}
