using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace MgwTools.Loader;

/// <summary>
/// PowerShell 7 only. MgwTools.dll sits in the default load context and references MgwTools.Core and
/// MgwTools.Emulator; those live in dependencies/, which the default context does not probe, so its
/// bind fails and <see cref="ResolveDefault"/> loads them into <see cref="ModuleLoadContext"/>. From
/// then on everything they reference is bound by that context.
/// </summary>
internal static class LoadContextHook
{
    private static readonly object s_lock = new();
    private static ModuleLoadContext? s_context;

    internal static void Hook(string dependencyFolder)
    {
        lock (s_lock)
        {
            s_context ??= new ModuleLoadContext("MgwTools", dependencyFolder);
            AssemblyLoadContext.Default.Resolving -= ResolveDefault;
            AssemblyLoadContext.Default.Resolving += ResolveDefault;
        }
    }

    internal static void Unhook() => AssemblyLoadContext.Default.Resolving -= ResolveDefault;

    // Only our own assemblies enter the private context this way: anyone else's failed bind of, say,
    // Polly.Core stays theirs to resolve.
    private static Assembly? ResolveDefault(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        ModuleLoadContext? context = s_context;
        if (context is null || name.Name is null ||
            !name.Name.StartsWith("MgwTools.", StringComparison.OrdinalIgnoreCase) || !context.Has(name))
        {
            return null;
        }

        return context.LoadFromAssemblyName(name);
    }
}
