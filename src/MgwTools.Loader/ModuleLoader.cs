// Hand-written on purpose, and kept tiny: this is the one MgwTools assembly that lives in the default
// load context before the cmdlets load. It must not reference MgwTools.Core (that would bind Core, and
// with it Polly and Cronos, in the default context, where another module's copies may already sit).
// It targets netstandard2.0 like the rest, so it names AssemblyLoadContext through the compile-only
// System.Runtime.Loader 4.3.0 reference, and only in ModuleLoadContext and LoadContextHook, which run on
// PowerShell 7 alone: Windows PowerShell (.NET Framework) has no such type and never JITs that code.
using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MgwTools.Loader;

/// <summary>
/// Imported first (the manifest's NestedModules): makes MgwTools.Core, MgwTools.Emulator and their
/// third-party closure, which ship in the module's <c>dependencies</c> folder, load from there. On
/// PowerShell 7 they go into the private load context "MgwTools", so another module's Polly or Cronos
/// cannot replace ours and ours cannot replace theirs; on Windows PowerShell they load with LoadFrom.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_moduleFolder = Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location)!;
    private static readonly string s_dependencyFolder = Path.Combine(s_moduleFolder, "dependencies");

    // Looked up by name so that nothing here needs the type on .NET Framework.
    private static readonly bool s_hasLoadContexts =
        typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") is not null;

    /// <inheritdoc />
    public void OnImport()
    {
        if (s_hasLoadContexts)
        {
            HookLoadContext();
        }
        else
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnFramework;
            AppDomain.CurrentDomain.AssemblyResolve += ResolveOnFramework;
        }
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo module)
    {
        if (s_hasLoadContexts)
        {
            UnhookLoadContext();
        }
        else
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnFramework;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HookLoadContext() => LoadContextHook.Hook(s_dependencyFolder);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UnhookLoadContext() => LoadContextHook.Unhook();

    // Windows PowerShell: no binding redirects and no load contexts. Answer requests made by our
    // assemblies (or by their dependencies) with the copy in dependencies/, whatever version they ask for.
    private static Assembly? ResolveOnFramework(object? sender, ResolveEventArgs args)
    {
        string? name = new AssemblyName(args.Name).Name;
        if (name is null || !IsOurs(name, args.RequestingAssembly))
        {
            return null;
        }

        string path = Path.Combine(s_dependencyFolder, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }

    private static bool IsOurs(string name, Assembly? requester)
    {
        if (name.StartsWith("MgwTools.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string location = requester is null || requester.IsDynamic ? "" : requester.Location;
        string folder = location.Length == 0 ? "" : Path.GetDirectoryName(location) ?? "";
        return string.Equals(folder, s_moduleFolder, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(folder, s_dependencyFolder, StringComparison.OrdinalIgnoreCase);
    }
}
