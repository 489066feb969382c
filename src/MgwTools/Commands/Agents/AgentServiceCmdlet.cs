namespace MgwTools.Commands;

/// <summary>
/// Base of the agent and tunnel cmdlets: a service cmdlet whose inputs are agent names and tunnel IDs, not jobs, so a
/// failed call's error is shown as the service wrote it (the agent and tunnel messages name what they are about),
/// never prefixed as a job's.
/// </summary>
public abstract class AgentServiceCmdlet : MgwServiceCmdlet
{
    /// <inheritdoc />
    protected override MgwError Named(MgwError error, object? target) => error;
}
