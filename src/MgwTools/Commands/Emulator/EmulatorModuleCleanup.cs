using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// <c>Remove-Module MgwTools</c> stops the local services this runspace started: nothing could reach them
/// through the module any more, and their ports would stay taken until the process ends.
/// </summary>
public sealed class EmulatorModuleCleanup : IModuleAssemblyCleanup
{
    /// <inheritdoc />
    public void OnRemove(PSModuleInfo module) => EmulatorRegistry.StopCurrentRunspace();
}
