using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;
using MgwTools.Emulator;

namespace MgwTools;

/// <summary>
/// Makes the public types of MgwTools.Core and MgwTools.Emulator usable as type literals
/// (<c>[MgwTools.MgwException]</c>, <c>[MgwTools.Emulator.EmulatorFault]</c>) while the module is
/// imported. PowerShell 7 resolves literals only from the default load context's assemblies, and
/// those two live in the module's private one (see MgwTools.Loader), so each type is registered as a
/// type accelerator under its full name on import and removed again on Remove-Module.
/// </summary>
public sealed class ModuleTypeAccelerators : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly Assembly[] s_assemblies = { typeof(MgwException).Assembly, typeof(EmulatorFault).Assembly };
    private static readonly Type? s_accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
    private static readonly object s_lock = new();
    private static readonly List<string> s_added = new();

    /// <inheritdoc />
    public void OnImport()
    {
        MethodInfo? add = s_accelerators?.GetMethod("Add", new[] { typeof(string), typeof(Type) });
        if (add is null)
        {
            return;
        }

        // A delegate rather than MethodInfo.Invoke per type: reflection would emit and JIT an invoke stub
        // for the import to pay.
        var addAccelerator = (Action<string, Type>?)Delegate.CreateDelegate(typeof(Action<string, Type>), add, throwOnBindFailure: false)
            ?? ((name, type) => add.Invoke(null, new object[] { name, type }));
        var existing = (IDictionary<string, Type>?)s_accelerators!.GetProperty("Get")?.GetValue(null);
        lock (s_lock)
        {
            foreach (Assembly assembly in s_assemblies)
            {
                foreach (Type type in assembly.GetExportedTypes())
                {
                    string name = type.FullName!;
                    if (existing is not null && existing.TryGetValue(name, out Type? known) && known != type)
                    {
                        continue;   // someone else's type of that name: leave it alone
                    }

                    addAccelerator(name, type);
                    s_added.Add(name);
                }
            }
        }
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo module)
    {
        MethodInfo? remove = s_accelerators?.GetMethod("Remove", new[] { typeof(string) });
        lock (s_lock)
        {
            foreach (string name in s_added)
            {
                remove?.Invoke(null, new object[] { name });
            }

            s_added.Clear();
        }
    }
}
