using System.Management.Automation;

namespace MgwTools.Commands;

/// <summary>
/// Base of the address cmdlets: their inputs are data addresses, not jobs, so an error is never named as a job's
/// (<see cref="MgwServiceCmdlet.Named"/>); the service's address messages name the address themselves.
/// </summary>
public abstract class AddressServiceCmdlet : MgwServiceCmdlet
{
    /// <inheritdoc />
    protected override MgwError Named(MgwError error, object? target) => error;
}
