using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;

namespace MgwTools.Commands;

/// <summary>
/// The emulators started in each runspace, newest last, so <c>Stop-MgwEmulator</c> without input stops the
/// newest one of the caller's runspace. Per runspace (not per process) because the session context they
/// connect is per runspace; an emulator still running when its runspace closes is stopped then.
/// </summary>
internal static class EmulatorRegistry
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<Guid, List<MgwEmulatorInfo>> s_byRunspace = new();

    public static void Add(MgwEmulatorInfo info)
    {
        Runspace? runspace = Runspace.DefaultRunspace;
        Guid id = runspace?.InstanceId ?? Guid.Empty;
        lock (s_lock)
        {
            if (!s_byRunspace.TryGetValue(id, out List<MgwEmulatorInfo>? list))
            {
                list = new List<MgwEmulatorInfo>();
                s_byRunspace[id] = list;
                if (runspace is not null) runspace.StateChanged += OnStateChanged;
            }

            list.Add(info);
        }
    }

    /// <summary>The newest running emulator of the current runspace, or null.</summary>
    public static MgwEmulatorInfo? Current()
    {
        Guid id = Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
        lock (s_lock)
        {
            return s_byRunspace.TryGetValue(id, out List<MgwEmulatorInfo>? list) ? list.LastOrDefault(i => i.IsRunning) : null;
        }
    }

    public static void Remove(MgwEmulatorInfo info)
    {
        lock (s_lock)
        {
            foreach (List<MgwEmulatorInfo> list in s_byRunspace.Values) list.Remove(info);
        }
    }

    /// <summary>Stops the emulators the current runspace started (the module is being removed from it).</summary>
    public static void StopCurrentRunspace() => StopAll(Runspace.DefaultRunspace);

    private static void OnStateChanged(object? sender, RunspaceStateEventArgs e)
    {
        if (sender is Runspace runspace && e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken)
        {
            StopAll(runspace);
        }
    }

    // Forgets the runspace (null: the emulators started without one) and stops every emulator it started.
    private static void StopAll(Runspace? runspace)
    {
        Guid id = runspace?.InstanceId ?? Guid.Empty;
        List<MgwEmulatorInfo>? list;
        lock (s_lock)
        {
            if (!s_byRunspace.TryGetValue(id, out list)) return;
            s_byRunspace.Remove(id);
        }

        if (runspace is not null) runspace.StateChanged -= OnStateChanged;
        foreach (MgwEmulatorInfo info in list) info.Emulator.Dispose();
    }
}
