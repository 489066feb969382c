using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace MgwTools.Isolation;

/// <summary>
/// Loads the module's third-party dependencies (Polly, Cronos and their closure) from the
/// <c>dependencies</c> folder into a private load context on PowerShell 7, so another module's copy
/// of Polly cannot break ours, and ours cannot break theirs. Neither runtime probes that folder, so
/// every request for one of them reaches <see cref="Resolve"/>.
/// </summary>
public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_moduleFolder =
        Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location)!;
    private static readonly string s_dependencyFolder = Path.Combine(s_moduleFolder, "dependencies");
    private static readonly AssemblyLoadContextProxy? s_loadContext =
        AssemblyLoadContextProxy.CreateLoadContext("MgwTools");
    private static readonly HashSet<string> s_ourAssemblies =
        new(StringComparer.OrdinalIgnoreCase) { "MgwTools", "MgwTools.Core", "MgwTools.Emulator" };
    private static readonly object s_lock = new();
    private static readonly Dictionary<string, Assembly> s_loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        if (!IsOurs(args.RequestingAssembly))
        {
            return null;
        }

        string name = new AssemblyName(args.Name).Name ?? "";
        string path = Path.Combine(s_dependencyFolder, name + ".dll");
        if (!File.Exists(path))
        {
            return null;
        }

        lock (s_lock)
        {
            if (!s_loaded.TryGetValue(name, out Assembly? assembly))
            {
                assembly = s_loadContext is null ? Assembly.LoadFrom(path) : s_loadContext.LoadFromAssemblyPath(path);
                s_loaded[name] = assembly;
            }

            return assembly;
        }
    }

    // Only requests made by our assemblies or by our dependencies are answered: anything else in
    // the process keeps the runtime's normal resolution.
    private static bool IsOurs(Assembly? requester)
    {
        if (requester is null)
        {
            return false;
        }

        string? name = requester.GetName().Name;
        if (name is not null && s_ourAssemblies.Contains(name))
        {
            return true;
        }

        string location = requester.IsDynamic ? "" : requester.Location;
        return location.Length > 0 &&
            string.Equals(Path.GetDirectoryName(location), s_dependencyFolder, StringComparison.OrdinalIgnoreCase);
    }
}
