using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// <para type="synopsis">Stops a local mgw service started with Start-MgwEmulator and frees its port.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "MgwEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class StopMgwEmulatorCommand : MgwCmdlet
{
    #region Parameters

    /// <summary>The service to stop (from Start-MgwEmulator -PassThru); the newest one of this session when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public MgwEmulatorInfo? InputObject { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        MgwEmulatorInfo? info = InputObject ?? EmulatorRegistry.Current();
        if (info is null)
        {
            ThrowMgwError(new MgwError
            {
                Code = MgwErrorCodes.EmulatorNotRunning,
                Message = "No local mgw service started in this session is running. Start one with Start-MgwEmulator.",
            }, null);
            return;
        }

        if (!info.IsRunning)
        {
            WriteMgwError(new MgwError
            {
                Code = MgwErrorCodes.EmulatorNotRunning,
                Message = $"The local mgw service at '{info.Endpoint}' is not running (it was already stopped).",
                Value = info.Endpoint,
            }, info);
            return;
        }

        if (!ShouldProcess(info.Endpoint.ToString(), "Stop local mgw service"))
        {
            return;
        }

        info.Emulator.Stop();
        EmulatorRegistry.Remove(info);
        WriteVerbose($"Stopped the local mgw service at '{info.Endpoint}'.");
        if (EmulatorSession.Disconnect(info))
        {
            WriteVerbose("The session was connected to it and is now disconnected.");
        }
    }

    #endregion
}
