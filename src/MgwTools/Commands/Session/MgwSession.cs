using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace MgwTools;

/// <summary>
/// The current <see cref="MgwContext"/> of each runspace. Keyed by the runspace, so a second
/// runspace (<c>ForEach-Object -Parallel</c>, a <c>[powershell]::Create()</c>, a job) starts with no
/// context and never sees another's; a runspace's entry goes away with the runspace.
/// </summary>
public static class MgwSession
{
    private static readonly ConditionalWeakTable<Runspace, Slot> s_slots = new();

    /// <summary>The current runspace's context, or null when it has none.</summary>
    public static MgwContext? Get()
    {
        Runspace? runspace = Runspace.DefaultRunspace;
        if (runspace is null || !s_slots.TryGetValue(runspace, out Slot? slot))
        {
            return null;
        }

        lock (slot)
        {
            return slot.Context;
        }
    }

    /// <summary>Makes <paramref name="context"/> the current runspace's context.</summary>
    /// <exception cref="InvalidOperationException">Called from a thread with no runspace.</exception>
    public static void Set(MgwContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        Runspace runspace = Runspace.DefaultRunspace
            ?? throw new InvalidOperationException("MgwSession.Set must be called on a PowerShell pipeline thread.");
        Slot slot = s_slots.GetValue(runspace, static _ => new Slot());
        lock (slot)
        {
            slot.Context = context;
        }
    }

    /// <summary>Forgets the current runspace's context; returns the one that was current, if any.</summary>
    public static MgwContext? Clear()
    {
        Runspace? runspace = Runspace.DefaultRunspace;
        if (runspace is null || !s_slots.TryGetValue(runspace, out Slot? slot))
        {
            return null;
        }

        lock (slot)
        {
            MgwContext? previous = slot.Context;
            slot.Context = null;
            return previous;
        }
    }

    /// <summary>The explicit context when given, else the current one.</summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.NotConnected"/> when there is neither.</exception>
    public static MgwContext Resolve(MgwContext? explicitContext) =>
        explicitContext ?? Get() ?? throw new MgwException(NotConnectedError());

    /// <summary>The error for "no context": what to run to get one.</summary>
    public static MgwError NotConnectedError() => new()
    {
        Code = MgwErrorCodes.NotConnected,
        Message = "This PowerShell session is not connected to Data Online Migration. Run Connect-Mgw first (or Start-MgwEmulator for the local service), or pass -Context. Each runspace has its own context: in ForEach-Object -Parallel, pass -Context $using:context.",
    };

    private sealed class Slot
    {
        public MgwContext? Context;
    }
}
